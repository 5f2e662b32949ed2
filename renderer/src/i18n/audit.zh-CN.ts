import referenceZh from './reference.zh-CN';
import setupZh from './setup.zh-CN';
import safetyZh from './safety.zh-CN';

/** Audit log: entity names and action names. */
const auditZh = {
  audit: {
    title: '审计日志',
    filterEntity: '按对象筛选',
    at: '时间',
    actor: '操作人',
    role: '角色',
    action: '操作',
    entity: '对象',
    summary: '内容',
    newer: '较新',
    older: '较早',
    system: '系统',
  },
  entities: {
    ...safetyZh.entities,
    ...referenceZh.entities,
    township: '乡镇',
    village: '村（社区）',
    grid: '网格',
    unit: '承办单位',
    user: '用户',
    session: '登录会话',
    event: '事件',
    village_map: '村界地图',
    alarm: '警报',
    iot_device: '物联设备',
  },
  auditActions: {
    ...safetyZh.auditActions,
    ...referenceZh.auditActions,
    ...setupZh.auditActions,
    create: '新增',
    update: '修改',
    delete: '删除',
    login: '登录',
    login_failed: '登录失败',
    login_refused: '拒绝登录',
    account_locked: '账号锁定',
    logout: '退出登录',
    resume: '恢复会话',
    change_password: '修改密码',
    reset_password: '重置密码',
    unlock: '解除锁定',
    seed_demo: '生成演示数据',
    import_map: '导入村界地图',
  },
};

export default auditZh;
