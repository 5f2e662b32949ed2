import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, referencedUnitAndGrid, storedAuditRows } from '../../db/testing';
import type { Connection } from '../app';
import { databaseDigest, errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';

describe('org directory', () => {
  let core: TestCore;
  let admin: Connection;
  const auditCount = () => countRows(core.db, 'audit_log');
  const lastAudit = () => storedAuditRows(core.db).at(-1)!;

  beforeEach(async () => {
    core = startTestCore();
    admin = await core.signIn('admin');
  });
  afterEach(() => core.stop());

  it('seeds the demo township: 12 villages/communities, 48 grids, 14 units on four platforms', async () => {
    const dir = expectOk<'org.directory'>(await admin.call('org.directory', {}));
    expect(dir.township).toMatchObject({ name: '清溪镇', code: 'QX', countyName: '临江县' });
    expect(dir.villages).toHaveLength(12);
    expect(dir.villages.filter((v) => v.kind === 'community')).toHaveLength(3);
    expect(dir.grids).toHaveLength(48);
    expect(dir.units).toHaveLength(14);
    expect(new Set(dir.units.map((u) => u.platform)).size).toBe(4);
    for (const v of dir.villages) expect(dir.grids.filter((g) => g.villageId === v.id)).toHaveLength(4);
  });

  it('creates, renames and deletes a village, one audit row each', async () => {
    const before = auditCount();
    const v = expectOk<'org.createVillage'>(await admin.call('org.createVillage', { name: ' 新塘村 ', kind: 'village' }));
    expect(v.name).toBe('新塘村');
    expect(lastAudit()).toMatchObject({ action: 'create', entity: 'village', entity_id: v.id, role: 'admin' });
    const renamed = expectOk<'org.updateVillage'>(
      await admin.call('org.updateVillage', { id: v.id, name: '新塘社区', kind: 'community' }),
    );
    expect(renamed).toMatchObject({ name: '新塘社区', kind: 'community' });
    expect(JSON.parse(lastAudit().summary)).toEqual({
      name: { from: '新塘村', to: '新塘社区' },
      kind: { from: 'village', to: 'community' },
    });
    expectOk(await admin.call('org.deleteVillage', { id: v.id }));
    expect(auditCount()).toBe(before + 3);
    expect(core.pushes.filter((p) => p.topic === 'org.changed')).toHaveLength(3);
  });

  it('refuses duplicate names and changes nothing', async () => {
    const digest = databaseDigest(core.db);
    expect(errorCode(await admin.call('org.createVillage', { name: '清溪村', kind: 'village' }))).toBe('DUPLICATE_NAME');
    expect(
      errorCode(await admin.call('org.createUnit', { name: '派出所', platform: 'comprehensive_governance', kind: 'department' })),
    ).toBe('DUPLICATE_NAME');
    const dir = expectOk<'org.directory'>(await admin.call('org.directory', {}));
    const [first, second] = dir.grids;
    expect(errorCode(await admin.call('org.updateGrid', { id: second!.id, name: first!.name }))).toBe('DUPLICATE_NAME');
    expect(databaseDigest(core.db)).toEqual(digest);
  });

  it('refuses to delete a village with grids, or a unit with users', async () => {
    const dir = expectOk<'org.directory'>(await admin.call('org.directory', {}));
    const village = dir.villages[0]!;
    const result = await admin.call('org.deleteVillage', { id: village.id });
    expect(errorCode(result)).toBe('IN_USE');
    expect(!result.ok && result.error.message).toContain('4 grid(s)');
    const enforcement = dir.units.find((u) => u.name === '综合行政执法队')!;
    expect(errorCode(await admin.call('org.deleteUnit', { id: enforcement.id }))).toBe('IN_USE');
    const police = dir.units.find((u) => u.name === '派出所')!;
    expectOk(await admin.call('org.deleteUnit', { id: police.id }));
  });

  it('refuses to delete a unit, village or grid that events refer to, with IN_USE rather than a crash', async () => {
    const withEvents = startTestCore({ demoEvents: 200 });
    try {
      const a = await withEvents.signIn('admin');
      const { unitId, gridId } = referencedUnitAndGrid(withEvents.db);
      const digest = databaseDigest(withEvents.db);
      expect(errorCode(await a.call('org.deleteUnit', { id: unitId }))).toBe('IN_USE');
      expect(errorCode(await a.call('org.deleteGrid', { id: gridId }))).toBe('IN_USE');
      expect(databaseDigest(withEvents.db)).toEqual(digest);
    } finally {
      withEvents.stop();
    }
  });

  it('keeps village units tied to a village and departments free of one', async () => {
    const dir = expectOk<'org.directory'>(await admin.call('org.directory', {}));
    const digest = databaseDigest(core.db);
    expect(
      errorCode(await admin.call('org.createUnit', { name: '桃源村委会', platform: 'public_service', kind: 'village' })),
    ).toBe('BAD_INPUT');
    expect(
      errorCode(
        await admin.call('org.createUnit', {
          name: '桃源村委会',
          platform: 'public_service',
          kind: 'village',
          villageId: '01a22add-9fde-72a4-abf5-b2b65e3f2e16',
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(databaseDigest(core.db)).toEqual(digest);
    const unit = expectOk<'org.createUnit'>(
      await admin.call('org.createUnit', {
        name: '桃源村委会',
        platform: 'public_service',
        kind: 'village',
        villageId: dir.villages[1]!.id,
      }),
    );
    expect(unit.villageId).toBe(dir.villages[1]!.id);
    const asDepartment = expectOk<'org.updateUnit'>(await admin.call('org.updateUnit', { id: unit.id, kind: 'department' }));
    expect(asDepartment.villageId).toBeNull();
  });

  it('moves a grid to another village and records its worker', async () => {
    const dir = expectOk<'org.directory'>(await admin.call('org.directory', {}));
    const grid = dir.grids[0]!;
    const target = dir.villages[5]!;
    const moved = expectOk<'org.updateGrid'>(
      await admin.call('org.updateGrid', {
        id: grid.id,
        villageId: target.id,
        name: '第五网格',
        workerName: '周强',
        workerPhone: '13800000000',
      }),
    );
    expect(moved).toMatchObject({ villageId: target.id, name: '第五网格', workerName: '周强' });
  });

  it('renames the township and validates its code', async () => {
    expect(errorCode(await admin.call('org.updateTownship', { code: 'qx1' }))).toBe('BAD_INPUT');
    const t = expectOk<'org.updateTownship'>(await admin.call('org.updateTownship', { name: '清溪街道', code: 'QXJD' }));
    expect(t).toMatchObject({ name: '清溪街道', code: 'QXJD', countyName: '临江县' });
  });
});

describe('users', () => {
  let core: TestCore;
  let admin: Connection;
  beforeEach(async () => {
    core = startTestCore();
    admin = await core.signIn('admin');
  });
  afterEach(() => core.stop());

  it('requires a unit for unit handlers and only for them', async () => {
    const dir = expectOk<'org.directory'>(await admin.call('org.directory', {}));
    const unitId = dir.units[0]!.id;
    expect(
      errorCode(
        await admin.call('users.create', { username: 'u1', displayName: '甲', role: 'unit_handler', password: 'abcd1234x' }),
      ),
    ).toBe('BAD_INPUT');
    expect(
      errorCode(
        await admin.call('users.create', { username: 'u1x', displayName: '甲', role: 'operator', unitId, password: 'abcd1234x' }),
      ),
    ).toBe('BAD_INPUT');
    const created = expectOk<'users.create'>(
      await admin.call('users.create', {
        username: 'u1x',
        displayName: '甲',
        role: 'unit_handler',
        unitId,
        password: 'abcd1234x',
      }),
    );
    expect(created.unitId).toBe(unitId);
    expect(
      errorCode(await admin.call('users.create', { username: 'U1X', displayName: '乙', role: 'viewer', password: 'abcd1234x' })),
    ).toBe('BAD_INPUT');
    expect(
      errorCode(await admin.call('users.create', { username: 'u1x', displayName: '乙', role: 'viewer', password: 'abcd1234x' })),
    ).toBe('DUPLICATE_NAME');
    const asOperator = expectOk<'users.update'>(await admin.call('users.update', { id: created.id, role: 'operator' }));
    expect(asOperator.unitId).toBeNull();
    const audit = storedAuditRows(core.db)
      .filter((r) => r.entity === 'user')
      .map((r) => r.summary);
    expect(audit.join('\n')).not.toMatch(/abcd1234x|scrypt/);
  });

  it('keeps at least one active administrator', async () => {
    const users = expectOk<'users.list'>(await admin.call('users.list', {}));
    const self = users.find((u) => u.username === 'admin')!;
    expect(errorCode(await admin.call('users.update', { id: self.id, role: 'operator' }))).toBe('CONFLICT');
    expect(errorCode(await admin.call('users.update', { id: self.id, disabled: true }))).toBe('CONFLICT');
  });

  it('unlocks a locked account', async () => {
    const c = core.connect();
    for (let i = 0; i < 5; i++) await c.call('auth.login', { username: 'viewer', password: 'bad' });
    const viewer = expectOk<'users.list'>(await admin.call('users.list', {})).find((u) => u.username === 'viewer')!;
    expect(viewer.lockedUntil).toBeGreaterThan(core.clock.now);
    expectOk(await admin.call('users.unlock', { id: viewer.id }));
    expect(errorCode(await c.call('auth.login', { username: 'viewer', password: 'qingxi2026' }))).toBeNull();
  });
});
