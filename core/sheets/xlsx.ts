import ExcelJS from 'exceljs';
import { SheetLimitError } from './csv';
import { guardWorkbook } from './xml-guard';

export interface SheetLimits {
  maxRows: number;
  maxColumns: number;
  /** Longest cell text kept; a longer one refuses the file (nobody types a novel into a cell). */
  maxCellLength: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * ExcelJS turns date-formatted cells into Dates at UTC midnight of the day the
 * sheet shows; they become the text a person would have typed.
 */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = d.getUTCHours() * 60 + d.getUTCMinutes();
  return time === 0 ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? '' : cellText(result);
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : '';
  if ('error' in value) return '';
  return '';
}

/**
 * The first worksheet of an .xlsx as rows of cell texts, through ExcelJS (a
 * zip reader and the saxes streaming XML parser: linear in the input, no
 * regular expressions over the workbook's XML).
 */
export async function readXlsx(bytes: Uint8Array, limits: SheetLimits): Promise<string[][]> {
  // A linear pre-check: crafted nesting or giant attributes are refused before ExcelJS builds anything.
  guardWorkbook(bytes);
  const workbook = new ExcelJS.Workbook();
  // ExcelJS types ask for the old ArrayBuffer-only Buffer; any Uint8Array view works.
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetLimitError('this workbook has no worksheet to import');
  if (sheet.rowCount > limits.maxRows) throw new SheetLimitError(`the sheet has more than ${limits.maxRows} rows`);
  if (sheet.columnCount > limits.maxColumns) throw new SheetLimitError(`the sheet has more than ${limits.maxColumns} columns`);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column > limits.maxColumns) throw new SheetLimitError(`the sheet has more than ${limits.maxColumns} columns`);
      const text = cellText(cell.value);
      if (text.length > limits.maxCellLength) {
        throw new SheetLimitError(`cell ${cell.address} is longer than ${limits.maxCellLength} characters`);
      }
      cells[column - 1] = text;
    });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}
