import type coreMessagesZh from './core-messages.zh-CN';

/** Status texts the core sends as a code with parameters (common/messages.ts). */
const coreMessagesEn: typeof coreMessagesZh = {
  coreMessages: {
    SYNC_UNREACHABLE: 'The county center cannot be reached ({reason})',
    AUTH_FAILED: "The county center refused this township's access token; ask the county administrator to check it",
    PROTOCOL_UNSUPPORTED: "The county center's interface version does not match this app; update the app",
    SYNC_FAILED: 'Sync failed: {reason}',
    SYNC_GARBAGE: '{count} messages from the county could not be read and were skipped',
    BACKUP_VERIFY_FAILED: 'Backup {name} failed its check: {problem}',
    BACKUP_FAILED: 'The backup failed: {reason}',
    TEXT: '{text}',
  },
};

export default coreMessagesEn;
