import { z } from 'zod';
import { method } from './define';
import { MAX_IMPORT_BYTES } from './iot';

const ADMIN = ['admin'] as const;

/** The onboarding imports: villages with grids and grid workers, units, user accounts, the old system's events. */
export const ONBOARDING_KINDS = ['org', 'units', 'users', 'history'] as const;
export type OnboardingKind = (typeof ONBOARDING_KINDS)[number];

/** Why a row was refused: the renderer words it by code; `reason` is the core's English. */
export const ONBOARDING_ERROR_CODES = [
  'missing_column',
  'no_rows',
  'required',
  'invalid',
  'too_long',
  'bad_phone',
  'unknown_kind',
  'unknown_platform',
  'unknown_role',
  'unknown_unit',
  'unknown_village',
  'duplicate',
  'conflict',
  'bad_date',
  'unknown_category',
  'unknown_state',
] as const;
export type OnboardingErrorCode = (typeof ONBOARDING_ERROR_CODES)[number];

export const OnboardingRowError = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.enum(ONBOARDING_ERROR_CODES),
  reason: z.string(),
});
export type OnboardingRowError = z.infer<typeof OnboardingRowError>;

export const ImportFile = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  dataBase64: z
    .string()
    .min(4)
    .max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
});

/** The old system's events come by the hundred thousand: a larger file than the other imports. */
export const MAX_HISTORY_IMPORT_BYTES = 48 * 1024 * 1024;
export const MAX_HISTORY_IMPORT_ROWS = 200_000;

export const HistoryImportFile = ImportFile.extend({
  dataBase64: z
    .string()
    .min(4)
    .max(Math.ceil((MAX_HISTORY_IMPORT_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
});

export const DownloadFile = z.object({ fileName: z.string(), dataBase64: z.string() });
export type DownloadFile = z.infer<typeof DownloadFile>;

export const ImportOutcome = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Every problem of every row; when there is any, nothing was written. */
  errors: z.array(OnboardingRowError),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const importsContract = {
  'imports.template': method({
    summary: 'The import template of a kind (Chinese headers, one example row) as an .xlsx file.',
    input: z.strictObject({ kind: z.enum(ONBOARDING_KINDS) }),
    output: DownloadFile,
    roles: ADMIN,
    kind: 'read',
  }),
  'imports.org': method({
    summary:
      'Imports villages and communities with their grids and grid workers (.xlsx or .csv): all rows checked, nothing written unless all are good; a second import of the same file changes nothing.',
    input: ImportFile,
    output: ImportOutcome,
    roles: ADMIN,
    kind: 'job',
  }),
  'imports.units': method({
    summary: 'Imports handling units (name, platform, phone, village): all or nothing, by name.',
    input: ImportFile,
    output: ImportOutcome,
    roles: ADMIN,
    kind: 'job',
  }),
  'imports.users': method({
    summary:
      'Imports user accounts, each with a one-time password (returned once, as an Excel sheet to hand out) that must be changed at first sign-in; existing usernames are left as they are.',
    input: ImportFile,
    output: ImportOutcome.extend({ passwordSheet: DownloadFile.nullable() }),
    roles: ADMIN,
    kind: 'job',
  }),
  'imports.history': method({
    summary:
      "Imports the old system's events (serial, title, category, village, received and closed dates, final state, lead unit) as closed or archived events with source 历史导入 and one timeline entry each: all rows checked, nothing written unless all are good; known by the old serial, so a second import of the same file changes nothing.",
    input: HistoryImportFile,
    output: ImportOutcome,
    roles: ADMIN,
    kind: 'job',
  }),
} as const;
