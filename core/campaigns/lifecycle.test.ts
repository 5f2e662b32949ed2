import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMPAIGN_ACTIONS, CAMPAIGN_STATES, CAMPAIGN_TRANSITIONS, type CampaignAction } from '../../common/campaigns';
import { listOutbox } from '../../db/queries/outbox';
import { databaseDigest, errorCode, expectOk } from '../testing/core';
import { DAY, startCampaignWorld, type CampaignWorld, type WalkedCampaign } from '../testing/campaign-fixtures';

let w: CampaignWorld;
beforeAll(async () => {
  w = await startCampaignWorld();
}, 60_000);
afterAll(() => w.core.stop());

function moveInput(action: CampaignAction, c: WalkedCampaign, eventId: string): [string, Record<string, unknown>] {
  switch (action) {
    case 'start':
      return ['campaigns.start', { id: c.id }];
    case 'close':
      return ['campaigns.close', { id: c.id }];
    case 'add_task':
      return ['campaigns.addTask', { id: c.id, unitId: w.leadUnitId, title: '复查整改情况', dueAt: w.core.clock.now + 3 * DAY }];
    case 'complete_task':
      return ['campaigns.completeTask', { taskId: c.taskId }];
    case 'report':
      return [
        'campaigns.report',
        { id: c.id, unitId: w.leadUnitId, narrative: '本周排查企业 12 家', figures: [{ targetId: c.targetIds[0], value: 40 }] },
      ];
    case 'tag_event':
      return ['campaigns.tagEvent', { id: c.id, eventId }];
  }
}

describe('the campaign lifecycle, table-driven over states × actions × roles', () => {
  const actors = ['operator', 'director', 'handler', 'assistHandler', 'assessor', 'viewer', 'admin'] as const;
  const roleOf = {
    operator: 'operator',
    director: 'director',
    handler: 'unit_handler',
    assistHandler: 'unit_handler',
    assessor: 'assessor',
    viewer: 'viewer',
    admin: 'admin',
  } as const;
  const cases = CAMPAIGN_STATES.flatMap((state) =>
    CAMPAIGN_ACTIONS.flatMap((action) => actors.map((who) => ({ state, action, who }))),
  );

  it.each(cases)('$action on a $state campaign by $who', async ({ state, action, who }) => {
    const c = await w.campaignIn(state);
    const eventId = await w.newEvent();
    const t = CAMPAIGN_TRANSITIONS[action];
    // The assisting handler's unit does not take part in the fixture's campaigns.
    const legal = t.from.includes(state) && t.roles.includes(roleOf[who]) && who !== 'assistHandler';
    const before = databaseDigest(w.core.db);
    const [method, input] = moveInput(action, c, eventId);
    const result = await w[who].call(method, input);
    if (legal) {
      expect(errorCode(result)).toBeNull();
      const detail = expectOk<'campaigns.get'>(await w.director.call('campaigns.get', { id: c.id }));
      expect(detail.state).toBe(t.to ?? state);
    } else {
      expect(['FORBIDDEN', 'ILLEGAL_TRANSITION']).toContain(errorCode(result));
      expect(databaseDigest(w.core.db)).toEqual(before);
    }
  });

  it('keeps a unit to its own work and its own campaigns, and sends nothing to the county', async () => {
    const seq = listOutbox(w.core.db, 0, 100_000).at(-1)?.seq ?? 0;
    const c = await w.campaignIn('running');
    const before = databaseDigest(w.core.db);
    expect(
      errorCode(
        await w.handler.call('campaigns.report', {
          id: c.id,
          unitId: w.assistUnitId,
          narrative: '代报',
          figures: [{ targetId: c.targetIds[0], value: 1 }],
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCode(await w.assistHandler.call('campaigns.get', { id: c.id }))).toBe('FORBIDDEN');
    expect(expectOk<'campaigns.list'>(await w.assistHandler.call('campaigns.list', {})).map((r) => r.id)).not.toContain(c.id);
    expect(databaseDigest(w.core.db)).toEqual(before);
    expect(listOutbox(w.core.db, seq, 100_000)).toEqual([]);
  });
});
