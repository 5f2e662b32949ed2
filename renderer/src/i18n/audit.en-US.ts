import referenceEn from './reference.en-US';
import setupEn from './setup.en-US';
import type auditZh from './audit.zh-CN';
import safetyEn from './safety.en-US';

/** Audit log: entity names and action names. */
const auditEn: typeof auditZh = {
  audit: {
    title: 'Audit log',
    filterEntity: 'Filter by record type',
    at: 'Time',
    actor: 'By',
    role: 'Role',
    action: 'Action',
    entity: 'Record',
    summary: 'Details',
    newer: 'Newer',
    older: 'Older',
    system: 'System',
  },
  entities: {
    ...safetyEn.entities,
    ...referenceEn.entities,
    township: 'Township',
    village: 'Village / community',
    grid: 'Grid',
    unit: 'Handling unit',
    user: 'User',
    session: 'Session',
    event: 'Event',
    village_map: 'Village map',
    alarm: 'Alarm',
    iot_device: 'IoT detector',
  },
  auditActions: {
    ...safetyEn.auditActions,
    ...referenceEn.auditActions,
    ...setupEn.auditActions,
    create: 'Create',
    update: 'Update',
    delete: 'Delete',
    login: 'Sign in',
    login_failed: 'Failed sign-in',
    login_refused: 'Sign-in refused',
    account_locked: 'Account locked',
    logout: 'Sign out',
    resume: 'Session resumed',
    change_password: 'Change password',
    reset_password: 'Reset password',
    unlock: 'Lift lockout',
    seed_demo: 'Create demo data',
    import_map: 'Import village map',
  },
};

export default auditEn;
