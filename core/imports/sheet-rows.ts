import type { OnboardingErrorCode, OnboardingRowError } from '../../common/contract';
import { AppError } from '../../common/errors';
import { readSheet } from '../sheets/read-sheet';

export const MAX_ONBOARDING_ROWS = 20_000;

export interface Column<F extends string> {
  field: F;
  /** The template's header (zh-CN) first, then other spellings people use. */
  headers: string[];
  required?: boolean;
}

const normalise = (h: string) => h.toLowerCase().replace(/[\s_\-()（）*:：]/g, '');

/** A table read from a file: its header mapped to fields, and every problem collected by row and column. */
export class ImportTable<F extends string> {
  readonly errors: OnboardingRowError[] = [];
  private readonly index = new Map<F, number>();
  private readonly labels = new Map<F, string>();
  readonly body: { row: number; cells: string[] }[];

  constructor(
    rows: string[][],
    private readonly columns: Column<F>[],
    maxRows: number = MAX_ONBOARDING_ROWS,
  ) {
    const [header = [], ...rest] = rows;
    header.forEach((text, i) => {
      const key = normalise(text);
      const column = columns.find((c) => c.headers.some((h) => normalise(h) === key));
      if (column && !this.index.has(column.field)) {
        this.index.set(column.field, i);
        this.labels.set(column.field, text.trim());
      }
    });
    for (const c of columns) {
      if (c.required && !this.index.has(c.field)) this.fail(1, c.field, 'missing_column', 'missing column');
    }
    if (rest.length > maxRows) {
      throw new AppError('TOO_LARGE', `Import at most ${maxRows} rows at a time; split the file.`);
    }
    this.body = rest.map((cells, i) => ({ row: i + 2, cells })).filter(({ cells }) => cells.some((c) => (c ?? '').trim() !== ''));
    if (this.errors.length === 0 && this.body.length === 0) {
      this.fail(2, columns[0]!.field, 'no_rows', 'the file has no rows below its header');
    }
  }

  get headerOk(): boolean {
    return this.errors.length === 0;
  }

  label(field: F): string {
    return this.labels.get(field) ?? this.columns.find((c) => c.field === field)!.headers[0]!;
  }

  cell(cells: string[], field: F): string {
    const i = this.index.get(field);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  }

  fail(row: number, field: F, code: OnboardingErrorCode, reason: string): void {
    this.errors.push({ row, column: this.label(field), code, reason });
  }
}

export const templateHeaders = <F extends string>(columns: Column<F>[]) => columns.map((c) => c.headers[0]!);

/** The file's rows, read off the core's thread; the import then checks and writes them in one transaction. */
export function readImportFile(
  input: { fileName: string; dataBase64: string },
  options: { maxRows?: number; timeoutMs?: number } = {},
): Promise<string[][]> {
  return readSheet(input.fileName, Buffer.from(input.dataBase64, 'base64'), {
    maxRows: (options.maxRows ?? MAX_ONBOARDING_ROWS) + 1,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}

export const PHONE = /^[0-9+\-\s]{5,20}$/;
