import { inflateRawSync } from 'node:zlib';

/** Why a workbook was refused before ExcelJS saw it. */
export class BadWorkbookError extends Error {
  override readonly name = 'BadWorkbookError';
}

export interface GuardLimits {
  /** Longest attribute value or text run between tags. */
  maxRunLength: number;
  /** Deepest element nesting (a worksheet needs about eight). */
  maxDepth: number;
  /** All parts together, uncompressed. */
  maxTotalBytes: number;
}

export const GUARD_LIMITS: GuardLimits = { maxRunLength: 100_000, maxDepth: 64, maxTotalBytes: 200 * 1024 * 1024 };

/**
 * The parts of a zip, read from its central directory; each inflated with a
 * cap on its output so a zip bomb stops at the cap, not at the memory's end.
 */
export function* zipParts(zip: Uint8Array, maxTotalBytes: number): Generator<{ name: string; data: Buffer }> {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const broken = () => new BadWorkbookError('not an Excel workbook (the zip is damaged)');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw broken();
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw broken();
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + size > buf.length) throw broken();
    const raw = buf.subarray(start, start + size);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, maxTotalBytes - total) });
      } catch {
        throw new BadWorkbookError('the workbook unpacks to more than the reader allows, or a part is damaged');
      }
    } else throw broken();
    total += data.length;
    if (total > maxTotalBytes) throw new BadWorkbookError('the workbook unpacks to more than the reader allows');
    yield { name, data };
  }
}

/**
 * One pass over an XML part, byte by byte: refuses elements nested deeper
 * than a spreadsheet ever needs (unclosed tags), and attribute values or text
 * runs longer than any cell. Linear, no regular expressions, no allocation
 * per tag; what passes goes to ExcelJS's parser.
 */
export function checkXmlPart(name: string, xml: Buffer, limits: GuardLimits): void {
  const fail = (why: string) => new BadWorkbookError(`${name}: ${why}`);
  let depth = 0;
  let run = 0;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const c = xml[i]!;
    if (c !== 0x3c /* < */) {
      if (++run > limits.maxRunLength) throw fail(`a text longer than ${limits.maxRunLength} characters`);
      i++;
      continue;
    }
    run = 0;
    const next = xml[i + 1];
    if (next === 0x3f /* ? */ || next === 0x21 /* ! */) {
      // Declarations, comments, CDATA: skipped to their '>' (CDATA and comments cannot nest tags).
      const end = xml.indexOf(0x3e, i + 2);
      if (end < 0) throw fail('an unclosed declaration');
      i = end + 1;
      continue;
    }
    const closing = next === 0x2f; /* / */
    let j = i + 1;
    let quote = 0;
    let value = 0;
    for (; j < n; j++) {
      const d = xml[j]!;
      if (quote) {
        if (d === quote) quote = 0;
        else if (++value > limits.maxRunLength) throw fail(`an attribute longer than ${limits.maxRunLength} characters`);
      } else if (d === 0x22 || d === 0x27) {
        quote = d;
        value = 0;
      } else if (d === 0x3e /* > */) break;
      else if (d === 0x3c) throw fail('a tag that is never closed');
    }
    if (j >= n) throw fail('a tag that is never closed');
    const selfClosing = xml[j - 1] === 0x2f;
    if (closing) depth--;
    else if (!selfClosing && ++depth > limits.maxDepth)
      throw fail(`elements nested deeper than ${limits.maxDepth} (unclosed tags)`);
    if (depth < 0) throw fail('a closing tag without its opening tag');
    i = j + 1;
  }
  if (depth !== 0) throw fail('elements that are never closed');
}

/** Every XML part of the workbook checked before a full parser reads any of it. */
export function guardWorkbook(zip: Uint8Array, limits: GuardLimits = GUARD_LIMITS): void {
  let parts = 0;
  for (const { name, data } of zipParts(zip, limits.maxTotalBytes)) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) checkXmlPart(name, data, limits);
    parts++;
  }
  if (parts === 0) throw new BadWorkbookError('the workbook is empty');
}
