export * from './open';
export * from './migrate';
export * from './backup';
export * as orgQueries from './queries/org';
export * as userQueries from './queries/users';
export * as sessionQueries from './queries/auth';
export * as auditQueries from './queries/audit';
export * as settingQueries from './queries/settings';
