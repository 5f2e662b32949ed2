import type setupZh from './setup.zh-CN';

const setupEn: typeof setupZh = {
  title: 'First start: set up your township',
  intro:
    'This room server holds no township yet. Enter your township and create the first administrator; other accounts, villages and units are added or imported by the administrator afterwards.',
  township: 'Township',
  townshipName: 'Township (subdistrict) name',
  townshipNamePlaceholder: 'e.g. 河口镇',
  townshipCode: 'Township code',
  townshipCodeHint: '2–6 capital letters, the prefix of event serial numbers, e.g. HK → HK-20261130-0001',
  countyName: 'County (city, district)',
  admin: 'First administrator',
  username: 'Username',
  usernameHint: '3–32 lower-case letters, digits or _ . -, starting with a letter',
  displayName: 'Name',
  password: 'Password',
  passwordAgain: 'Password again',
  passwordHint: 'At least 8 characters with letters and digits, not containing the username',
  setupCode: 'Setup code',
  setupCodeHint: 'Setting up from another computer: enter the one-time setup code the server printed on its console at start.',
  submit: 'Create the township',
  submitting: 'Creating…',
  or: 'or',
  demo: 'Try the demo',
  demoHint:
    'Creates the fictional demo township 清溪镇 (demo accounts and events) for trying out and training; not for real work.',
  demoConfirm:
    'This creates the demo township 清溪镇 with demo accounts whose password is public. A demo database cannot be turned into a real one. Continue?',
  done: 'Set up. Sign in with the administrator you just created.',
  demoDone: 'Demo created. Accounts: operator, director, assessor, handler, admin, viewer; password qingxi2026.',
  required: 'Required',
  invalidName: 'Enter a name (at most 40 characters)',
  invalidCode: 'The code must be 2–6 capital letters',
  invalidUsername: 'Username: 3–32 lower-case letters, digits or _ . -, starting with a letter',
  invalidDisplayName: 'Enter a name (at most 20 characters)',
  weakPassword: 'At least 8 characters with letters and digits, not containing the username',
  mismatch: 'The two passwords differ',
  auditActions: { setup: 'First-run setup' },
  errors: {
    BAD_FILE:
      'This file cannot be read: it is damaged, not a spreadsheet, or too complex. Save it again from Excel as .xlsx or .csv.',
  },
  banner: 'DEMO DATA',
  bannerHint: 'A fictional demo township with public passwords: do not enter real information',
};

export default setupEn;
