/** UTF-8 (with or without BOM), or UTF-16 LE as Excel's "Unicode text" writes it. */
export function decodeText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  const text = buffer.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * RFC 4180: quoted fields, doubled quotes, commas and line breaks inside
 * quotes. One pass over the text, no regular expressions: linear in its length.
 * Stops with an error past `maxRows` rows or `maxCells` cells in a row.
 */
export function readCsv(text: string, limits: { maxRows?: number; maxCells?: number } = {}): string[][] {
  const maxRows = limits.maxRows ?? Infinity;
  const maxCells = limits.maxCells ?? Infinity;
  const rows: string[][] = [];
  let row: string[] = [];
  let start = 0;
  let field = '';
  let quoted = false;
  const pushField = (value: string) => {
    if (row.length >= maxCells) throw new SheetLimitError(`a row has more than ${maxCells} columns`);
    row.push(value);
  };
  const pushRow = () => {
    if (rows.length >= maxRows) throw new SheetLimitError(`the file has more than ${maxRows} rows`);
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34 /* " */) {
        field += text.slice(start, i);
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i++;
          start = i + 1;
        } else {
          quoted = false;
          start = i + 1;
        }
      }
    } else if (c === 34 && field === '' && start === i) {
      quoted = true;
      start = i + 1;
    } else if (c === 44 /* , */) {
      pushField(field + text.slice(start, i));
      field = '';
      start = i + 1;
    } else if (c === 10 || c === 13) {
      pushField(field + text.slice(start, i));
      field = '';
      pushRow();
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  const rest = field + text.slice(start);
  if (rest !== '' || row.length > 0) {
    pushField(rest);
    pushRow();
  }
  return rows;
}

/** A file past the reader's bounds (rows, columns, cell length). */
export class SheetLimitError extends Error {
  override readonly name = 'SheetLimitError';
}
