import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDeadlineRule } from '../../db/queries/sync';
import type { Connection } from '../app';
import { databaseDigest, errorCode, expectOk, startTestCore, storedAuditRows, type TestCore } from '../testing/core';

describe('deadline rules (category × priority) on the reference-data page', () => {
  let core: TestCore;
  let admin: Connection;
  let director: Connection;
  let assessor: Connection;

  beforeAll(async () => {
    core = startTestCore();
    admin = await core.signIn('admin');
    director = await core.signIn('director');
    assessor = await core.signIn('assessor');
  });
  afterAll(() => core.stop());

  const rules = async (who: Connection) => expectOk<'calendar.deadlineRules'>(await who.call('calendar.deadlineRules', {}));

  it('the director and the assessor read every rule with its origin; only the administrator changes one', async () => {
    const [first] = await rules(director);
    expect(first).toMatchObject({ source: 'local' });
    expect(await rules(assessor)).toEqual(await rules(admin));
    const before = databaseDigest(core.db);
    const change = { categoryId: first!.categoryId, priority: first!.priority, signHours: 3, handleDays: 4, handleHours: null };
    expect(errorCode(await director.call('calendar.setDeadlineRule', change))).toBe('FORBIDDEN');
    expect(errorCode(await assessor.call('calendar.setDeadlineRule', change))).toBe('FORBIDDEN');
    expect(databaseDigest(core.db)).toEqual(before);

    core.pushes.length = 0;
    const saved = expectOk<'calendar.setDeadlineRule'>(await admin.call('calendar.setDeadlineRule', change));
    expect(saved).toMatchObject({ signHours: 3, handleDays: 4, source: 'local' });
    expect((await rules(director)).find((r) => r.categoryId === first!.categoryId && r.priority === first!.priority)).toEqual(
      saved,
    );
    const audit = storedAuditRows(core.db).at(-1)!;
    expect([audit.action, audit.entity]).toEqual(['set_deadline_rule', 'deadline_rule']);
    expect(JSON.parse(audit.summary)).toMatchObject({ signHours: 3, handleDays: 4, before: { signHours: first!.signHours } });
    expect(core.pushes.map((p) => p.topic)).toContain('reference.changed');
  });

  it('refuses a signing window longer than the handling time, and changes nothing', async () => {
    const [, second] = await rules(admin);
    const before = databaseDigest(core.db);
    const result = await admin.call('calendar.setDeadlineRule', {
      categoryId: second!.categoryId,
      priority: 'normal',
      signHours: 20,
      handleDays: 2,
      handleHours: null,
    });
    expect(errorCode(result)).toBe('BAD_INPUT');
    expect(databaseDigest(core.db)).toEqual(before);
  });

  it('shows a rule the county sent as 县级下发 and refuses to change it here', async () => {
    const rule = (await rules(admin)).find((r) => r.priority === 'urgent')!;
    // As the sync applier writes a county rule (core/sync/appliers/reference-data.ts).
    upsertDeadlineRule(core.db, { ...rule, priority: 'urgent', signHours: 1, handleDays: 2, handleHours: null });
    expect((await rules(director)).find((r) => r.categoryId === rule.categoryId && r.priority === 'urgent')!.source).toBe(
      'county',
    );
    const before = databaseDigest(core.db);
    const result = await admin.call('calendar.setDeadlineRule', {
      categoryId: rule.categoryId,
      priority: 'urgent',
      signHours: 1,
      handleDays: 3,
      handleHours: null,
    });
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(databaseDigest(core.db)).toEqual(before);
  });
});
