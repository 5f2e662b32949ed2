/** Status texts the core sends as a code with parameters (common/messages.ts). */
const coreMessagesZh = {
  coreMessages: {
    SYNC_UNREACHABLE: '无法连接县级中心（{reason}）',
    AUTH_FAILED: '县级中心拒绝了本镇的接入令牌，请联系县级管理员核对',
    PROTOCOL_UNSUPPORTED: '县级中心的接口版本与本软件不一致，请升级软件',
    SYNC_FAILED: '同步失败：{reason}',
    SYNC_GARBAGE: '县级中心发来的 {count} 条消息无法读取，已跳过',
    BACKUP_VERIFY_FAILED: '备份 {name} 校验未通过：{problem}',
    BACKUP_FAILED: '备份失败：{reason}',
    TEXT: '{text}',
  },
};

export default coreMessagesZh;
