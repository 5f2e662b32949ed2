/** Desk enrollment codes on the room server page. */
export default {
  title: '桌面端接入码',
  hint: '在其他电脑上安装本程序后，以“--enroll=本服务器地址 --code=接入码”启动即可接入本服务器。接入码只能使用一次，24 小时内有效；接入时桌面端会记下本服务器的证书指纹，以后只信任这一证书。更换证书后，各桌面端须用新接入码重新接入。',
  label: '用途说明（如：2 号值班台）',
  create: '生成接入码',
  createdTitle: '接入码已生成',
  createdMessage: '接入码：{code}\n有效期至 {expires}。\n此接入码只显示这一次，请当面交给使用该电脑的人员。',
  revoke: '撤销',
  revokeConfirm: '撤销接入码“{label}”？撤销后该接入码不能再使用。',
  revoked: '接入码已撤销',
  empty: '尚未生成接入码',
  columns: {
    label: '用途',
    createdBy: '生成人',
    createdAt: '生成时间',
    expiresAt: '有效期至',
    status: '状态',
    desk: '接入的电脑',
    actions: '操作',
  },
  statuses: { pending: '待使用', redeemed: '已使用', expired: '已过期', revoked: '已撤销' },
};
