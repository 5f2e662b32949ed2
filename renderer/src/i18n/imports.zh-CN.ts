/** The onboarding imports (villages and grids, units, users). */
const importsZh = {
  open: { org: '导入村社区网格', units: '导入承办单位', users: '批量导入用户' },
  title: { org: '导入村（社区）、网格和网格员', units: '导入承办单位', users: '批量导入用户' },
  hint: '选择 Excel（.xlsx）或 CSV 文件。先检查所有行：只要有一行有问题就一行也不导入，并列出每个问题。同一文件重复导入不会重复创建。',
  usersHint: '每个新账号获得一个一次性密码，导入成功后下载“一次性密码表”分发给本人；首次登录须修改密码。已有的用户名保持不变。',
  template: '下载模板',
  close: '关闭',
  tooLarge: '文件超过 5 MB，请拆分后分批导入。',
  done: '导入完成：新增 {created}，更新 {updated}，未变 {unchanged}。',
  failed: '共 {count} 个问题，未导入任何数据。请修改文件后重新导入。',
  row: '行',
  column: '列',
  reason: '问题',
  passwords: '下载一次性密码表',
  passwordsHint: '一次性密码只在此处提供一次，请立即下载并妥善保管。',
  reasons: {
    missing_column: '缺少此列',
    no_rows: '文件没有数据行',
    required: '必填',
    invalid: '格式不正确',
    too_long: '内容过长',
    bad_phone: '电话格式不正确',
    unknown_kind: '类型应为“村”或“社区”',
    unknown_platform: '平台不存在',
    unknown_role: '角色不存在',
    unknown_unit: '单位不存在',
    unknown_village: '村（社区）不存在',
    duplicate: '文件中重复',
    conflict: '与前面的行矛盾',
  },
};

export default importsZh;
