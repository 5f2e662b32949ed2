import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitByName } from '../../db/queries/org';
import { upsertCountyCategory } from '../../db/queries/sync';
import { storedAuditRows } from '../../db/testing';
import { anyChildCategory, anyVillageId, categoryIdByCode, storedEventRow } from '../../db/testing-events';
import type { Connection } from '../app';
import { databaseDigest, errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';

describe('reference data kept by the administrator', () => {
  let core: TestCore;
  let admin: Connection;
  let director: Connection;
  let operator: Connection;
  const unit = (name: string) => findUnitByName(core.db, name)!.id;

  beforeAll(async () => {
    core = startTestCore();
    [admin, director, operator] = await Promise.all([core.signIn('admin'), core.signIn('director'), core.signIn('operator')]);
    upsertCountyCategory(core.db, {
      id: '01a22add-9fde-72a4-abf5-b2b65e3f0c01',
      code: 'county_flood',
      name: '防汛',
      parentId: null,
      sort: 99,
    });
  });
  afterAll(() => core.stop());

  it('adds a two-level category of its own, audited and pushed; the county’s are marked and read-only', async () => {
    const top = expectOk<'reference.saveCategory'>(
      await admin.call('reference.saveCategory', { code: 'river', name: '河道管理' }),
    );
    expect(top).toMatchObject({ code: 'river', source: 'local', disabled: false, parentId: null });
    const child = expectOk<'reference.saveCategory'>(
      await admin.call('reference.saveCategory', { parentId: top.id, code: 'dredge', name: '河道清淤' }),
    );
    expect(child).toMatchObject({ code: 'river.dredge', parentId: top.id });
    expect(core.pushes).toContainEqual({ topic: 'reference.changed', payload: {} });
    expect(storedAuditRows(core.db).filter((r) => r.entity === 'category' && r.action === 'create').length).toBe(2);
    // Three levels are refused.
    expect(errorCode(await admin.call('reference.saveCategory', { parentId: child.id, code: 'deep', name: '第三级' }))).toBe(
      'BAD_INPUT',
    );
    expect(errorCode(await admin.call('reference.saveCategory', { code: 'river', name: '重复' }))).toBe('DUPLICATE_NAME');

    const list = expectOk<'reference.list'>(await director.call('reference.list', {}));
    expect(list.categories.find((c) => c.code === 'county_flood')).toMatchObject({ source: 'county' });
    const before = databaseDigest(core.db);
    const county = list.categories.find((c) => c.code === 'county_flood')!;
    expect(errorCode(await admin.call('reference.saveCategory', { id: county.id, name: '改名' }))).toBe('FORBIDDEN');
    expect(errorCode(await admin.call('reference.setCategoryDisabled', { id: county.id, disabled: true }))).toBe('FORBIDDEN');
    expect(errorCode(await admin.call('reference.deleteCategory', { id: county.id }))).toBe('FORBIDDEN');
    expect(errorCode(await director.call('reference.saveCategory', { code: 'x_y', name: '主任不可' }))).toBe('FORBIDDEN');
    expect(errorCode(await operator.call('reference.list', {}))).toBe('FORBIDDEN');
    expect(databaseDigest(core.db)).toEqual(before);
  });

  it('never deletes a category in use: it is disabled, leaves the intake form, and the events keep it', async () => {
    const list = expectOk<'reference.list'>(await admin.call('reference.list', {}));
    const used = list.categories.find((c) => c.code === 'river.dredge')!;
    const village = anyVillageId(core.db)!;
    const event = {
      title: '河道淤积',
      description: '村口河道淤积严重，需要清淤',
      categoryId: used.id,
      requestType: 'request' as const,
      source: 'grid_report' as const,
      priority: 'normal' as const,
      villageId: village,
      address: '村口',
    };
    const created = expectOk<'events.create'>(await operator.call('events.create', event));
    const before = databaseDigest(core.db);
    expect(errorCode(await admin.call('reference.deleteCategory', { id: used.id }))).toBe('IN_USE');
    expect(databaseDigest(core.db)).toEqual(before);

    expect(
      expectOk<'reference.setCategoryDisabled'>(
        await admin.call('reference.setCategoryDisabled', { id: used.id, disabled: true }),
      ),
    ).toMatchObject({
      disabled: true,
      events: 1,
    });
    const form = expectOk<'events.reference'>(await operator.call('events.reference', {}));
    expect(form.categories.find((c) => c.id === used.id)).toMatchObject({ name: '河道清淤', disabled: true });
    expect(errorCode(await operator.call('events.create', event))).toBe('BAD_INPUT');
    expect(storedEventRow(core.db, created.id)?.category_id).toBe(used.id);

    // An unused one of its own may go.
    const spare = expectOk<'reference.saveCategory'>(await admin.call('reference.saveCategory', { code: 'spare', name: '备用' }));
    expect(errorCode(await admin.call('reference.deleteCategory', { id: spare.id }))).toBeNull();
  });

  it('sets a routing rule (units in order, locality first) that the dispatch suggestions follow', async () => {
    const category = categoryIdByCode(core.db, 'market')!;
    const rule = expectOk<'reference.setRouting'>(
      await admin.call('reference.setRouting', {
        categoryId: category,
        unitIds: [unit('综合行政执法队'), unit('市场监管所')],
        localityFirst: false,
      }),
    );
    expect(rule.unitIds).toEqual([unit('综合行政执法队'), unit('市场监管所')]);
    const village = anyVillageId(core.db)!;
    const sub = anyChildCategory(core.db, category)!;
    const { id } = expectOk<'events.create'>(
      await operator.call('events.create', {
        title: '过期食品',
        description: '小卖部出售过期食品',
        categoryId: sub,
        requestType: 'complaint',
        source: 'hotline_12345',
        priority: 'normal',
        villageId: village,
        address: '村口小卖部',
        register: true,
      }),
    );
    const routing = expectOk<'events.routing'>(await operator.call('events.routing', { id }));
    expect(routing.suggestions.map((s) => s.unitName)).toEqual(['综合行政执法队', '市场监管所']);
    expect(errorCode(await admin.call('reference.setRouting', { categoryId: sub, unitIds: [], localityFirst: false }))).toBe(
      'BAD_INPUT',
    );
    expect(
      errorCode(
        await admin.call('reference.setRouting', {
          categoryId: category,
          unitIds: [unit('市场监管所'), unit('市场监管所')],
          localityFirst: false,
        }),
      ),
    ).toBe('BAD_INPUT');
  });

  it('keeps 一件事 templates: lead and assisting units, a unique name, audited', async () => {
    const category = categoryIdByCode(core.db, 'market')!;
    const template = expectOk<'reference.saveTemplate'>(
      await admin.call('reference.saveTemplate', {
        name: '食品安全一件事',
        categoryId: category,
        instructions: '市场监管所牵头，卫生院配合',
        leadUnitId: unit('市场监管所'),
        assistUnitIds: [unit('卫生院'), unit('市场监管所')],
      }),
    );
    expect(template.units).toEqual([
      { unitId: unit('市场监管所'), role: 'lead' },
      { unitId: unit('卫生院'), role: 'assist' },
    ]);
    expect(
      errorCode(
        await admin.call('reference.saveTemplate', { name: '食品安全一件事', categoryId: null, leadUnitId: unit('卫生院') }),
      ),
    ).toBe('DUPLICATE_NAME');
    const renamed = expectOk<'reference.saveTemplate'>(
      await admin.call('reference.saveTemplate', {
        id: template.id,
        name: '食品安全一件事（新）',
        categoryId: category,
        leadUnitId: unit('卫生院'),
      }),
    );
    expect(renamed.units).toEqual([{ unitId: unit('卫生院'), role: 'lead' }]);
    expect(errorCode(await admin.call('reference.deleteTemplate', { id: template.id }))).toBeNull();
    expect(storedAuditRows(core.db).filter((r) => r.entity === 'matter_template').length).toBe(3);
  });
});
