/** Batch actions and exports from the event queue. */
const eventBatchZh = {
  batch: {
    checkPage: '全选本页',
    selected: '已选 {count} 件',
    clear: '取消选择',
    actions: {
      register: '批量立案',
      dispatch: '批量派遣',
      chase: '批量催办',
    },
    check: '检查',
    recheck: '重新检查',
    confirm: '执行其余 {count} 件',
    movable: '可以执行 {count} 件',
    refusedTitle: '以下 {count} 件不能执行，将被跳过：',
    noneMovable: '所选事件都不能执行此操作。',
    done: '已完成 {count} 件',
    failed: '批量操作未执行，没有任何改动：{reason}',
    dispatchDeadlines: '各事件的办理期限按其类别和紧急程度的规则分别计算。',
    chaseHint: '向每件事件的承办单位发出催办单，问题描述按各事件的情况自动生成。',
    requirements: '催办要求（可不填，用默认要求）',
    registerNote: '受理意见（可不填）',
    sheet: { title: '导出处置单', xlsx: 'Excel 表格', pdf: 'PDF（A4 打印）' },
    exportQueue: '导出 Excel',
    exported: '已导出 {count} 件',
    columns: { serial: '编号', title: '标题', state: '状态', reason: '原因' },
    reasons: {
      ILLEGAL_TRANSITION: '处于“{state}”状态，不能执行此操作',
      NOT_FOUND: '事件不存在（可能已被删除）',
      CONFLICT: '已有未办结的督办单，请跟进该督办单',
      NOT_OWNER: '由县级承办，本镇不能操作',
      FORBIDDEN: '您的角色不能执行此操作',
      other: '不能执行：{message}',
    },
  },
};

export default eventBatchZh;
