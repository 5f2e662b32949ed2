/** Shell: title, language and theme switches, connection banner, shared words, navigation, user menu, form validation. */
const shellZh = {
  app: {
    title: '乡镇综合信息指挥室',
    subtitle: '监测预警 · 处置反馈 · 复盘督导',
  },
  language: {
    switchTo: 'English',
    switchHint: '切换为英文界面',
  },
  theme: {
    switchHint: '切换浅色/深色主题',
  },
  connection: {
    connecting: '正在连接指挥室服务…',
    reconnecting: '与指挥室服务的连接已中断，正在重连…',
  },
  common: {
    create: '新增',
    edit: '编辑',
    delete: '删除',
    save: '保存',
    cancel: '取消',
    actions: '操作',
    all: '全部',
    refresh: '刷新',
    retry: '重试',
    none: '—',
    saved: '已保存',
    created: '已新增',
    deleted: '已删除',
    loadFailed: '加载失败：{reason}',
    deleteTitle: '确认删除',
    count: '共 {count} 个',
    empty: '暂无数据',
  },
  nav: {
    home: '工作台',
    events: '事件中心',
    eventsOfMyUnit: '本单位待办',
    org: '组织架构',
    calendar: '工作日历',
    users: '用户管理',
    audit: '审计日志',
    dashboard: '指挥驾驶舱',
    villageMap: '村界地图',
    backups: '备份与恢复',
    iot: '物联感知',
    notices: '县级通知',
    sync: '县级同步',
    assessment: '考核评估',
  },
  userMenu: {
    changePassword: '修改密码',
    logout: '退出登录',
    unit: '所属单位：{unit}',
  },
  validation: {
    selectRequired: '请选择此项',
    name: '请输入名称，不超过 {max} 个字',
    personName: '请输入姓名，不超过 {max} 个字',
    phone: '电话应为 5–20 位数字，可含 +、- 和空格',
    username: '用户名须以小写字母开头，3–32 位，只能含小写字母、数字及 _ . -',
    townshipCode: '编号前缀须为 2–6 位大写字母',
    serverIssue: '{field}：{message}',
  },
};

export default shellZh;
