/** The reference-data page (categories, routing rules, 一件事 templates). */
const referenceZh = {
  title: '基础数据',
  tabs: { categories: '事件类别', deadlines: '办理时限', routing: '派遣规则', templates: '一件事模板' },
  county: '县级下发',
  local: '本镇',
  readOnly: '县级下发的类别只读，由县级维护。',
  category: {
    add: '新增类别',
    parent: '上级类别',
    top: '（一级类别）',
    code: '代码',
    name: '名称',
    source: '来源',
    events: '事件数',
    disabled: '停用',
    delete: '删除',
  },
  codeHint: '小写字母、数字或下划线，如 river；二级类别的代码自动加上级前缀',
  routing: { units: '承办单位（按建议顺序）', locality: '属地优先', save: '保存', saved: '派遣规则已保存' },
  template: {
    add: '新增模板',
    name: '模板名称',
    category: '适用类别',
    any: '（不限）',
    lead: '牵头单位',
    assist: '配合单位',
    instructions: '办理要求',
    edit: '编辑',
    delete: '删除',
  },
  saved: '已保存',
  deleted: '已删除',
  confirmDelete: '确定删除“{name}”吗？',
  entities: { category: '事件类别', routing_rule: '派遣规则', matter_template: '一件事模板' },
  auditActions: { disable: '停用', enable: '启用' },
};

export default referenceZh;
