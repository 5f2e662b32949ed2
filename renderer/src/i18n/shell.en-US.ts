import type shellZh from './shell.zh-CN';

/** Shell: title, language and theme switches, connection banner, shared words, navigation, user menu, form validation. */
const shellEn: typeof shellZh = {
  app: {
    title: 'Township Command Room',
    subtitle: 'Monitor and warn · Handle and report · Review and supervise',
  },
  language: {
    switchTo: '中文',
    switchHint: 'Switch to Chinese',
  },
  theme: {
    switchHint: 'Switch between light and dark theme',
  },
  connection: {
    connecting: 'Connecting to the command-room service…',
    reconnecting: 'Connection to the command-room service lost, reconnecting…',
  },
  common: {
    create: 'New',
    edit: 'Edit',
    delete: 'Delete',
    save: 'Save',
    cancel: 'Cancel',
    actions: 'Actions',
    all: 'All',
    refresh: 'Refresh',
    retry: 'Retry',
    none: '—',
    saved: 'Saved',
    created: 'Created',
    deleted: 'Deleted',
    loadFailed: 'Could not load: {reason}',
    deleteTitle: 'Confirm deletion',
    count: '{count} in total',
    empty: 'No data',
  },
  nav: {
    home: 'Overview',
    events: 'Events',
    eventsOfMyUnit: 'My unit’s to-do',
    org: 'Organization',
    calendar: 'Calendar',
    reference: 'Reference data',
    users: 'Users',
    audit: 'Audit log',
    dashboard: 'Dashboard',
    villageMap: 'Village map',
    backups: 'Backups',
    iot: 'IoT alarms',
    notices: 'County notices',
    sync: 'County sync',
    assessment: 'Assessment',
  },
  userMenu: {
    changePassword: 'Change password',
    logout: 'Sign out',
    unit: 'Unit: {unit}',
  },
  validation: {
    selectRequired: 'Please choose a value',
    name: 'Enter a name of at most {max} characters',
    personName: 'Enter a name of at most {max} characters',
    phone: 'A phone number has 5–20 digits and may contain +, - and spaces',
    username: 'Usernames start with a lower-case letter and have 3–32 lower-case letters, digits, _ . or -',
    townshipCode: 'The prefix must be 2–6 capital letters',
    serverIssue: '{field}: {message}',
  },
};

export default shellEn;
