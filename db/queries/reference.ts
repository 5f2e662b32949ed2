import type { Db } from '../open';
import { sql } from '../statements';

export interface CategoryRecord {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  sort: number;
}

export function listCategories(db: Db): CategoryRecord[] {
  return sql<CategoryRecord>(
    db,
    'SELECT id, parent_id AS parentId, code, name, sort FROM categories ORDER BY parent_id IS NOT NULL, sort, code',
  ).all();
}
export function getCategory(db: Db, id: string): CategoryRecord | undefined {
  return sql<CategoryRecord>(db, 'SELECT id, parent_id AS parentId, code, name, sort FROM categories WHERE id = ?').get(id);
}
export function findCategoryByCode(db: Db, code: string): CategoryRecord | undefined {
  return sql<CategoryRecord>(db, 'SELECT id, parent_id AS parentId, code, name, sort FROM categories WHERE code = ?').get(code);
}
export function insertCategory(db: Db, c: CategoryRecord): void {
  sql(db, 'INSERT INTO categories (id, parent_id, code, name, sort) VALUES (@id, @parentId, @code, @name, @sort)').run(c);
}
export function countCategories(db: Db): number {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM categories').get()!.n;
}

export interface RoutingRuleRecord {
  categoryId: string;
  unitId: string;
  localityFirst: boolean;
  sort: number;
}
export function listRoutingRules(db: Db, categoryId: string): RoutingRuleRecord[] {
  return sql<Omit<RoutingRuleRecord, 'localityFirst'> & { localityFirst: number }>(
    db,
    'SELECT category_id AS categoryId, unit_id AS unitId, locality_first AS localityFirst, sort FROM routing_rules WHERE category_id = ? ORDER BY sort',
  )
    .all(categoryId)
    .map((r) => ({ ...r, localityFirst: r.localityFirst === 1 }));
}
export function insertRoutingRule(db: Db, r: RoutingRuleRecord): void {
  sql(db, 'INSERT INTO routing_rules (category_id, unit_id, locality_first, sort) VALUES (?, ?, ?, ?)').run(
    r.categoryId,
    r.unitId,
    r.localityFirst ? 1 : 0,
    r.sort,
  );
}

export interface TemplateRecord {
  id: string;
  name: string;
  categoryId: string | null;
  instructions: string;
  units: { unitId: string; role: 'lead' | 'assist' }[];
}
export function listTemplates(db: Db): TemplateRecord[] {
  const templates = sql<Omit<TemplateRecord, 'units'>>(
    db,
    'SELECT id, name, category_id AS categoryId, instructions FROM matter_templates ORDER BY name',
  ).all();
  const units = sql<TemplateRecord['units'][number]>(
    db,
    'SELECT unit_id AS unitId, role FROM matter_template_units WHERE template_id = ? ORDER BY role DESC, unit_id',
  );
  return templates.map((t) => ({ ...t, units: units.all(t.id) }));
}
export function insertTemplate(db: Db, t: TemplateRecord): void {
  sql(
    db,
    'INSERT INTO matter_templates (id, name, category_id, instructions) VALUES (@id, @name, @categoryId, @instructions)',
  ).run(t);
  const unit = sql(db, 'INSERT INTO matter_template_units (template_id, unit_id, role) VALUES (?, ?, ?)');
  for (const u of t.units) unit.run(t.id, u.unitId, u.role);
}
