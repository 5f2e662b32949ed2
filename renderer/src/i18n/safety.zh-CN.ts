/** Data safety (issue 8): backups and restore, audit chain check, the error codes it adds. */
const safetyZh = {
  entities: { backup: '备份' },
  auditActions: {
    backup: '写入备份',
    backup_requested: '手动备份',
    restore: '从备份恢复',
    restore_requested: '申请恢复',
  },
  errors: {
    DB_DAMAGED: '数据库文件已损坏，程序没有向其写入任何内容。请由管理员从最近的完好备份恢复。',
    DISK_FULL: '磁盘空间已满，本次操作没有保存，已有数据完好。请清理磁盘空间后重试。',
    IO_ERROR: '读写磁盘出错，本次操作没有保存。请检查磁盘或存储设备后重试，如反复出现请联系技术支持。',
    BACKUP_FAILED: '备份或恢复未能完成，当前数据未受影响。请检查备份文件夹和磁盘空间后重试。',
  },
  page: {
    menu: '备份与恢复',
    title: '备份与恢复',
    intro:
      '程序每天自动备份一次，升级数据库前也会先备份；按 7 个日备份、4 个周备份、12 个月备份轮换保留。每个备份写完后都会校验，照片附件一并备份。',
    folder: '备份文件夹：{path}',
    backupNow: '立即备份',
    backingUp: '正在备份…',
    backedUp: '备份完成：{name}',
    refresh: '刷新',
    empty: '还没有备份',
    columns: {
      createdAt: '时间',
      kind: '类型',
      size: '大小',
      schema: '数据版本',
      audit: '审计链头',
      attachments: '附件',
      verified: '校验',
      actions: '操作',
    },
    kinds: { daily: '每日', manual: '手动', pre_migration: '升级前', before_restore: '恢复前' },
    verifiedOk: '完好',
    verifiedBad: '损坏',
    restore: '恢复',
    restoreTitle: '确认从备份恢复',
    restoreConfirm:
      '将用 {time} 的备份替换当前数据库。此后录入的数据都将不在恢复后的数据库中；当前数据库文件会另存为 {aside}，不会删除。恢复后所有用户需要重新登录。确定恢复吗？',
    restoreTyped: '请输入“恢复”以确认',
    restoreWord: '恢复',
    restoring: '正在恢复，程序将重新启动…',
    restarting: '数据库已恢复，正在重新连接…',
  },
  audit: {
    verify: '校验审计日志',
    verifying: '正在校验…',
    ok: '审计日志完整：{count} 条记录，哈希链头 #{seq}',
    broken: '审计日志第 {seq} 条被篡改或缺失：{reason}',
    reasons: {
      missing: '该条记录已被删除',
      unsealed: '该条记录没有哈希，是绕过程序写入的',
      prev_mismatch: '与上一条记录的链接断开（有记录被插入、删除或挪动）',
      hash_mismatch: '内容在写入后被修改',
    },
  },
};

export default safetyZh;
