/** Organisation: roles and their duties, platforms, villages, units. */
const orgZh = {
  roles: {
    operator: '值班员',
    director: '指挥室主任',
    assessor: '考核员',
    unit_handler: '承办人',
    admin: '管理员',
    viewer: '大屏',
  },
  duties: {
    operator: [
      '受理各渠道上报的事件：登记立案、不予立案或合并重复事件',
      '向承办单位派遣事件，跟踪签收与处置进度，必要时催办',
      '核查处置结果，办结事件并做好回访记录',
    ],
    director: [
      '行使指挥权：派遣、改派事件，仲裁有争议的退单',
      '行使督导权：签发督办单、挂牌督办，审批延期申请',
      '行使考核权：发布考核结果；重大事项上报县级社会治理中心',
    ],
    assessor: [
      '制定与维护考核方案、指标和权重',
      '登记加分、扣分事项并附依据',
      '计算、复核各承办单位得分与排名，编制月报、季度排名',
    ],
    unit_handler: [
      '签收派遣给本单位的事件，按时限处置并反馈结果',
      '对不属于本单位职能或属地的事件说明理由退单，需要时申请延期',
      '对督办单按要求整改并提交整改反馈',
    ],
    admin: [
      '维护组织架构：村（社区）、网格与网格员、四平台承办单位',
      '管理用户账号、角色与所属单位，重置密码、解除锁定',
      '查阅审计日志，确保每一项变更有据可查',
    ],
    viewer: ['在指挥大屏上展示事件态势、预警与各单位处置情况（只读）'],
  },
  platforms: {
    comprehensive_governance: '综治工作',
    market_supervision: '市场监管',
    comprehensive_enforcement: '综合执法',
    public_service: '便民服务',
  },
  villageKinds: {
    village: '村',
    community: '社区',
  },
  unitKinds: {
    department: '部门/站所',
    village: '村（社区）',
  },
  org: {
    title: '组织架构',
    township: {
      title: '乡镇（街道）信息',
      name: '乡镇（街道）名称',
      countyName: '所属县（市、区）',
      code: '事件编号前缀',
      codeHint: '2–6 位大写字母，例如 QX 生成编号 QX-20261130-0042',
      edit: '修改乡镇信息',
    },
    tabs: {
      villages: '村（社区）',
      grids: '网格',
      units: '承办单位',
    },
    village: {
      name: '名称',
      kind: '类型',
      gridCount: '网格数',
      createTitle: '新增村（社区）',
      editTitle: '编辑村（社区）',
      deleteConfirm: '确定删除“{name}”吗？',
      inUse: '该村（社区）下仍有网格或承办单位，请先删除或调整后再删除。',
      gridsOf: '“{name}”的网格',
      selectHint: '在左侧选择一个村（社区）查看其网格',
      addGrid: '新增网格',
    },
    grid: {
      village: '所属村（社区）',
      name: '网格名称',
      workerName: '网格员',
      workerPhone: '网格员电话',
      createTitle: '新增网格',
      editTitle: '编辑网格',
      deleteConfirm: '确定删除网格“{name}”吗？',
      inUse: '该网格仍被其他记录引用，不能删除。',
      filterVillage: '按村（社区）筛选',
      searchPlaceholder: '网格或网格员姓名',
    },
    unit: {
      name: '单位名称',
      platform: '所属平台',
      kind: '单位类型',
      village: '对应村（社区）',
      phone: '联系电话',
      createTitle: '新增承办单位',
      editTitle: '编辑承办单位',
      deleteConfirm: '确定删除承办单位“{name}”吗？',
      inUse: '该单位下仍有用户账号，请先调整这些账号的所属单位。',
      searchPlaceholder: '单位名称',
    },
  },
};

export default orgZh;
