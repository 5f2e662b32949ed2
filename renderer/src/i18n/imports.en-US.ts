import type importsZh from './imports.zh-CN';

const importsEn: typeof importsZh = {
  open: { org: 'Import villages & grids', units: 'Import units', users: 'Import users', history: 'Import past events' },
  title: {
    org: 'Import villages, grids and grid workers',
    units: 'Import handling units',
    users: 'Import user accounts',
    history: "Import the old system's past events",
  },
  hint: 'Choose an Excel (.xlsx) or CSV file. Every row is checked first: if any row has a problem nothing is imported and every problem is listed. Importing the same file again creates nothing twice.',
  usersHint:
    'Each new account gets a one-time password: download the password sheet after the import and hand it out; people must change it at first sign-in. Existing usernames stay as they are.',
  historyHint:
    "The old system's finished events, imported by their old serial as closed or archived records (source: imported history). They count in the dashboard's history and in past assessment periods' received figures, and are not sent to the county. At most 200,000 rows or 48 MB at a time.",
  template: 'Download template',
  busy: 'Checking and importing, please wait…',
  close: 'Close',
  tooLarge: 'The file is larger than {mb} MB; split it.',
  done: 'Imported: {created} new, {updated} updated, {unchanged} unchanged.',
  failed: '{count} problem(s); nothing was imported. Correct the file and import it again.',
  row: 'Row',
  column: 'Column',
  reason: 'Problem',
  passwords: 'Download the one-time passwords',
  passwordsHint: 'The one-time passwords are given only here, once: download the sheet now and keep it safe.',
  reasons: {
    missing_column: 'Column missing',
    no_rows: 'No data rows',
    required: 'Required',
    invalid: 'Invalid',
    too_long: 'Too long',
    bad_phone: 'Invalid phone',
    unknown_kind: 'Kind must be 村 or 社区',
    unknown_platform: 'Unknown platform',
    unknown_role: 'Unknown role',
    unknown_unit: 'Unknown unit',
    unknown_village: 'Unknown village',
    duplicate: 'Duplicate in the file',
    conflict: 'Contradicts an earlier row or existing data',
    bad_date: 'Invalid date (e.g. 2023-05-08)',
    unknown_category: 'Unknown category',
    unknown_state: 'Final state must be 已办结 or 已归档',
  },
};

export default importsEn;
