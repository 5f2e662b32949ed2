import type { Db } from '../open';
import { sql } from '../statements';

export interface AdminCategoryRow {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  sort: number;
  source: 'local' | 'county';
  disabled: number;
  events: number;
}

/** Every category with what the admin page needs: who sent it, whether it is disabled, how many events use it. */
export function listAdminCategories(db: Db): AdminCategoryRow[] {
  return sql<AdminCategoryRow>(
    db,
    `SELECT c.id, c.parent_id AS parentId, c.code, c.name, c.sort, c.source, c.disabled,
            (SELECT count(*) FROM events e WHERE e.category_id = c.id) AS events
       FROM categories c ORDER BY c.parent_id IS NOT NULL, c.sort, c.code`,
  ).all();
}

export function getAdminCategory(db: Db, id: string): Omit<AdminCategoryRow, 'events'> | undefined {
  return sql<Omit<AdminCategoryRow, 'events'>>(
    db,
    'SELECT id, parent_id AS parentId, code, name, sort, source, disabled FROM categories WHERE id = ?',
  ).get(id);
}

export function isCategoryDisabled(db: Db, id: string): boolean {
  return sql<{ disabled: number }>(db, 'SELECT disabled FROM categories WHERE id = ?').get(id)?.disabled === 1;
}

export function disabledCategoryIds(db: Db): Set<string> {
  return new Set(
    sql<{ id: string }>(db, 'SELECT id FROM categories WHERE disabled = 1')
      .all()
      .map((r) => r.id),
  );
}

export function categoryCodeOwner(db: Db, code: string): string | undefined {
  return sql<{ id: string }>(db, 'SELECT id FROM categories WHERE code = ?').get(code)?.id;
}

export function nextCategorySort(db: Db, parentId: string | null): number {
  return sql<{ n: number }>(db, 'SELECT coalesce(max(sort), 0) + 1 AS n FROM categories WHERE parent_id IS ?').get(parentId)!.n;
}

export function insertLocalCategory(
  db: Db,
  c: { id: string; parentId: string | null; code: string; name: string; sort: number },
): void {
  sql(
    db,
    "INSERT INTO categories (id, parent_id, code, name, sort, source) VALUES (@id, @parentId, @code, @name, @sort, 'local')",
  ).run(c);
}

export function renameCategory(db: Db, id: string, name: string): void {
  sql(db, 'UPDATE categories SET name = ? WHERE id = ?').run(name, id);
}

export function setCategoryDisabled(db: Db, id: string, disabled: boolean): void {
  sql(db, 'UPDATE categories SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
}

/** Why a category cannot go: events, sub-categories, templates and routing rules that point at it. */
export function categoryUses(db: Db, id: string): { events: number; children: number; templates: number } {
  return sql<{ events: number; children: number; templates: number }>(
    db,
    `SELECT (SELECT count(*) FROM events WHERE category_id = @id) AS events,
            (SELECT count(*) FROM categories WHERE parent_id = @id) AS children,
            (SELECT count(*) FROM matter_templates WHERE category_id = @id) AS templates`,
  ).get({ id })!;
}

export function deleteCategoryRow(db: Db, id: string): void {
  sql(db, 'DELETE FROM deadline_rules WHERE category_id = ?').run(id);
  sql(db, 'DELETE FROM routing_rules WHERE category_id = ?').run(id);
  sql(db, 'DELETE FROM categories WHERE id = ?').run(id);
}

export interface RoutingRow {
  categoryId: string;
  unitId: string;
  localityFirst: number;
  sort: number;
}

export function listAllRoutingRules(db: Db): RoutingRow[] {
  return sql<RoutingRow>(
    db,
    'SELECT category_id AS categoryId, unit_id AS unitId, locality_first AS localityFirst, sort FROM routing_rules ORDER BY category_id, sort',
  ).all();
}

export function replaceRoutingRules(db: Db, categoryId: string, unitIds: string[], localityFirst: boolean): void {
  sql(db, 'DELETE FROM routing_rules WHERE category_id = ?').run(categoryId);
  const insert = sql(db, 'INSERT INTO routing_rules (category_id, unit_id, locality_first, sort) VALUES (?, ?, ?, ?)');
  unitIds.forEach((unitId, index) => insert.run(categoryId, unitId, localityFirst ? 1 : 0, index + 1));
}

export function templateNameOwner(db: Db, name: string): string | undefined {
  return sql<{ id: string }>(db, 'SELECT id FROM matter_templates WHERE name = ?').get(name)?.id;
}

export function templateExists(db: Db, id: string): boolean {
  return sql<{ n: number }>(db, 'SELECT count(*) AS n FROM matter_templates WHERE id = ?').get(id)!.n > 0;
}

export function saveTemplateRow(
  db: Db,
  t: {
    id: string;
    name: string;
    categoryId: string | null;
    instructions: string;
    units: { unitId: string; role: 'lead' | 'assist' }[];
  },
): void {
  sql(
    db,
    `INSERT INTO matter_templates (id, name, category_id, instructions) VALUES (@id, @name, @categoryId, @instructions)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, category_id = excluded.category_id, instructions = excluded.instructions`,
  ).run({ id: t.id, name: t.name, categoryId: t.categoryId, instructions: t.instructions });
  sql(db, 'DELETE FROM matter_template_units WHERE template_id = ?').run(t.id);
  const unit = sql(db, 'INSERT INTO matter_template_units (template_id, unit_id, role) VALUES (?, ?, ?)');
  for (const u of t.units) unit.run(t.id, u.unitId, u.role);
}

export function deleteTemplateRow(db: Db, id: string): void {
  sql(db, 'DELETE FROM matter_templates WHERE id = ?').run(id);
}
