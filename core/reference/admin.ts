import type { AdminCategory, OutputOf, ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import { getUnit } from '../../db/queries/org';
import { listTemplates } from '../../db/queries/reference';
import * as q from '../../db/queries/reference-admin';
import { audit, type ServiceContext } from '../context';

/**
 * The township's own reference data, kept by the administrator: categories
 * (two levels; disabled, never deleted, once in use), routing rules and
 * 一件事 templates. What the county sent (县级下发) is shown but not edited
 * here: the next county update would overwrite it.
 */
const toCategory = (r: q.AdminCategoryRow): AdminCategory => ({
  id: r.id,
  parentId: r.parentId,
  code: r.code,
  name: r.name,
  source: r.source,
  disabled: r.disabled === 1,
  events: r.events,
});

function changed(ctx: ServiceContext): void {
  ctx.publish({ topic: 'reference.changed', payload: {} });
}

function requireCategory(ctx: ServiceContext, id: string) {
  const category = q.getAdminCategory(ctx.db, id);
  if (!category) throw new AppError('NOT_FOUND', 'That category no longer exists. Reload the page.');
  return category;
}

function requireLocal(category: { source: string; name: string }): void {
  if (category.source === 'county')
    throw new AppError('FORBIDDEN', `"${category.name}" was sent by the county (县级下发); it is changed there, not here.`);
}

function categoryRow(ctx: ServiceContext, id: string): AdminCategory {
  return toCategory(q.listAdminCategories(ctx.db).find((c) => c.id === id)!);
}

export function list(ctx: ServiceContext): OutputOf<'reference.list'> {
  const routing = new Map<string, { categoryId: string; unitIds: string[]; localityFirst: boolean }>();
  for (const r of q.listAllRoutingRules(ctx.db)) {
    const rule = routing.get(r.categoryId) ?? { categoryId: r.categoryId, unitIds: [], localityFirst: r.localityFirst === 1 };
    rule.unitIds.push(r.unitId);
    routing.set(r.categoryId, rule);
  }
  return {
    categories: q.listAdminCategories(ctx.db).map(toCategory),
    routing: [...routing.values()],
    templates: listTemplates(ctx.db),
  };
}

export function saveCategory(ctx: ServiceContext, input: ParsedInputOf<'reference.saveCategory'>): AdminCategory {
  if (input.id) {
    const before = requireCategory(ctx, input.id);
    requireLocal(before);
    if (input.code !== undefined || input.parentId !== undefined)
      throw new AppError('BAD_INPUT', 'A category keeps its code and place; only its name changes.', [
        { path: input.code !== undefined ? 'code' : 'parentId', message: 'cannot change' },
      ]);
    q.renameCategory(ctx.db, before.id, input.name);
    audit(ctx, { action: 'update', entity: 'category', entityId: before.id, summary: { name: [before.name, input.name] } });
    changed(ctx);
    return categoryRow(ctx, before.id);
  }
  if (!input.code) throw new AppError('BAD_INPUT', 'A new category needs a code.', [{ path: 'code', message: 'required' }]);
  const parentId = input.parentId ?? null;
  let code = input.code;
  if (parentId) {
    const parent = requireCategory(ctx, parentId);
    if (parent.parentId !== null)
      throw new AppError('BAD_INPUT', 'Categories have two levels: choose a top-level category as the parent.', [
        { path: 'parentId', message: 'not a top-level category' },
      ]);
    code = `${parent.code}.${input.code}`;
  }
  if (q.categoryCodeOwner(ctx.db, code))
    throw new AppError('DUPLICATE_NAME', `A category with the code "${code}" exists already.`);
  const id = ctx.newId();
  q.insertLocalCategory(ctx.db, { id, parentId, code, name: input.name, sort: q.nextCategorySort(ctx.db, parentId) });
  audit(ctx, { action: 'create', entity: 'category', entityId: id, summary: { code, name: input.name, parentId } });
  changed(ctx);
  return categoryRow(ctx, id);
}

export function setCategoryDisabled(ctx: ServiceContext, input: ParsedInputOf<'reference.setCategoryDisabled'>): AdminCategory {
  const category = requireCategory(ctx, input.id);
  requireLocal(category);
  if ((category.disabled === 1) !== input.disabled) {
    q.setCategoryDisabled(ctx.db, category.id, input.disabled);
    audit(ctx, {
      action: input.disabled ? 'disable' : 'enable',
      entity: 'category',
      entityId: category.id,
      summary: { code: category.code, name: category.name },
    });
    changed(ctx);
  }
  return categoryRow(ctx, category.id);
}

export function deleteCategory(ctx: ServiceContext, input: { id: string }): null {
  const category = requireCategory(ctx, input.id);
  requireLocal(category);
  const uses = q.categoryUses(ctx.db, category.id);
  if (uses.events > 0 || uses.children > 0 || uses.templates > 0) {
    throw new AppError(
      'IN_USE',
      `"${category.name}" has ${uses.events} event(s), ${uses.children} sub-categories and ${uses.templates} template(s). Disable it instead: it leaves the intake form and the records keep it.`,
    );
  }
  q.deleteCategoryRow(ctx.db, category.id);
  audit(ctx, {
    action: 'delete',
    entity: 'category',
    entityId: category.id,
    summary: { code: category.code, name: category.name },
  });
  changed(ctx);
  return null;
}

function requireUnits(ctx: ServiceContext, ids: string[], path: string): void {
  ids.forEach((id, index) => {
    if (!getUnit(ctx.db, id))
      throw new AppError('BAD_INPUT', 'A unit in the list no longer exists. Reload the page.', [
        { path: `${path}.${index}`, message: 'unknown unit' },
      ]);
  });
}

export function setRouting(ctx: ServiceContext, input: ParsedInputOf<'reference.setRouting'>): OutputOf<'reference.setRouting'> {
  const category = requireCategory(ctx, input.categoryId);
  if (category.parentId !== null)
    throw new AppError('BAD_INPUT', 'Routing rules belong to top-level categories; their sub-categories follow them.', [
      { path: 'categoryId', message: 'not a top-level category' },
    ]);
  const unitIds = [...new Set(input.unitIds)];
  if (unitIds.length !== input.unitIds.length)
    throw new AppError('BAD_INPUT', 'A unit appears twice in the rule.', [{ path: 'unitIds', message: 'duplicate unit' }]);
  requireUnits(ctx, unitIds, 'unitIds');
  q.replaceRoutingRules(ctx.db, category.id, unitIds, input.localityFirst);
  audit(ctx, {
    action: 'update',
    entity: 'routing_rule',
    entityId: category.id,
    summary: { category: category.code, unitIds, localityFirst: input.localityFirst },
  });
  changed(ctx);
  return { categoryId: category.id, unitIds, localityFirst: input.localityFirst };
}

export function saveTemplate(
  ctx: ServiceContext,
  input: ParsedInputOf<'reference.saveTemplate'>,
): OutputOf<'reference.saveTemplate'> {
  if (input.id && !q.templateExists(ctx.db, input.id))
    throw new AppError('NOT_FOUND', 'That template no longer exists. Reload the page.');
  const owner = q.templateNameOwner(ctx.db, input.name);
  if (owner && owner !== input.id) throw new AppError('DUPLICATE_NAME', `A template named "${input.name}" exists already.`);
  if (input.categoryId) {
    const category = requireCategory(ctx, input.categoryId);
    if (category.parentId !== null)
      throw new AppError('BAD_INPUT', 'A template belongs to a top-level category.', [
        { path: 'categoryId', message: 'not a top-level category' },
      ]);
  }
  const assists = [...new Set(input.assistUnitIds)].filter((id) => id !== input.leadUnitId);
  requireUnits(ctx, [input.leadUnitId], 'leadUnitId');
  requireUnits(ctx, assists, 'assistUnitIds');
  const template = {
    id: input.id ?? ctx.newId(),
    name: input.name,
    categoryId: input.categoryId,
    instructions: input.instructions,
    units: [
      { unitId: input.leadUnitId, role: 'lead' as const },
      ...assists.map((unitId) => ({ unitId, role: 'assist' as const })),
    ],
  };
  q.saveTemplateRow(ctx.db, template);
  audit(ctx, {
    action: input.id ? 'update' : 'create',
    entity: 'matter_template',
    entityId: template.id,
    summary: { name: template.name, categoryId: template.categoryId, lead: input.leadUnitId, assists },
  });
  changed(ctx);
  return listTemplates(ctx.db).find((t) => t.id === template.id)!;
}

export function deleteTemplate(ctx: ServiceContext, input: { id: string }): null {
  const template = listTemplates(ctx.db).find((t) => t.id === input.id);
  if (!template) throw new AppError('NOT_FOUND', 'That template no longer exists. Reload the page.');
  q.deleteTemplateRow(ctx.db, template.id);
  audit(ctx, { action: 'delete', entity: 'matter_template', entityId: template.id, summary: { name: template.name } });
  changed(ctx);
  return null;
}
