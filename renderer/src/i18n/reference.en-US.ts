import type referenceZh from './reference.zh-CN';

const referenceEn: typeof referenceZh = {
  title: 'Reference data',
  tabs: { categories: 'Categories', deadlines: 'Deadlines', routing: 'Routing rules', templates: 'One-matter templates' },
  county: 'From the county',
  local: 'Own',
  readOnly: 'Categories sent by the county are read-only; the county maintains them.',
  category: {
    add: 'Add category',
    parent: 'Parent',
    top: '(top level)',
    code: 'Code',
    name: 'Name',
    source: 'Origin',
    events: 'Events',
    disabled: 'Disabled',
    delete: 'Delete',
  },
  codeHint: 'Lower-case letters, digits or _, e.g. river; a sub-category gets its parent’s prefix',
  routing: { units: 'Units (in order of suggestion)', locality: 'Village first', save: 'Save', saved: 'Routing rule saved' },
  template: {
    add: 'Add template',
    name: 'Name',
    category: 'Category',
    any: '(any)',
    lead: 'Lead unit',
    assist: 'Assisting units',
    instructions: 'Instructions',
    edit: 'Edit',
    delete: 'Delete',
  },
  saved: 'Saved',
  deleted: 'Deleted',
  confirmDelete: 'Delete “{name}”?',
  entities: { category: 'Category', routing_rule: 'Routing rule', matter_template: 'One-matter template' },
  auditActions: { disable: 'Disabled', enable: 'Enabled' },
};

export default referenceEn;
