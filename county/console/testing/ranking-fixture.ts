/**
 * Crafted events for 2025-Q1 whose ranking figures are computed by hand
 * below: the unit test and the e2e test both check the console against them.
 */
export const event = (id: string, over: Record<string, unknown>) => ({
  id,
  serial: id,
  title: `排名测试 ${id}`,
  description: '季度排名测试数据',
  category: 'sanitation',
  requestType: 'complaint',
  source: 'hotline_12345',
  priority: 'normal',
  riskColour: 'green',
  village: '测试村',
  grid: '',
  address: '测试地址',
  reportedAt: '2025-01-05T09:00:00+08:00',
  state: 'closed',
  assistingUnits: [],
  ...over,
});
const action = (eventId: string, kind: string, at: string) => ({
  entity: 'event_action',
  entityId: `${eventId}-${kind}`,
  data: { id: `${eventId}-${kind}`, eventId, kind, actor: '测试员', actorRole: 'dispatcher', at, payload: {} },
});

export const RANKING_PERIOD = '2025-Q1';

/**
 * A township of four counted events (one rejected, one of the next quarter, not counted):
 * - R1 closed on time (verified 01-09, due 01-10), satisfied, resolved in the village;
 * - R2 closed late (verified 01-12, due 01-10), reworked once, dissatisfied, resolved in the township;
 * - R3 still in progress, due 02-01: overdue at the quarter's end;
 * - R4 closed without a deadline (answered), basically satisfied, resolved by the county.
 * On-time 2/3, overdue 2/4, rework 1/3, satisfaction 2/3, below county 2/3:
 * score 100 × (0.3·2/3 + 0.2·(1 − 1/2) + 0.15·(1 − 1/3) + 0.2·2/3 + 0.15·2/3) = 63.33.
 */
export function mixedTownshipRecords(prefix: string) {
  const id = (n: number) => `${prefix}${n}`;
  return [
    {
      entity: 'event',
      entityId: id(1),
      data: event(id(1), { handleDueAt: '2025-01-10T18:00:00+08:00', satisfaction: 'satisfied', resolvedLevel: 'village' }),
    },
    action(id(1), 'verify', '2025-01-09T10:00:00+08:00'),
    {
      entity: 'event',
      entityId: id(2),
      data: event(id(2), { handleDueAt: '2025-01-10T18:00:00+08:00', satisfaction: 'dissatisfied', resolvedLevel: 'township' }),
    },
    action(id(2), 'rework', '2025-01-08T10:00:00+08:00'),
    action(id(2), 'verify', '2025-01-12T10:00:00+08:00'),
    { entity: 'event', entityId: id(3), data: event(id(3), { state: 'in_progress', handleDueAt: '2025-02-01T18:00:00+08:00' }) },
    { entity: 'event', entityId: id(4), data: event(id(4), { satisfaction: 'basically_satisfied', resolvedLevel: 'county' }) },
    action(id(4), 'answer', '2025-01-06T10:00:00+08:00'),
    { entity: 'event', entityId: id(5), data: event(id(5), { state: 'rejected' }) },
    { entity: 'event', entityId: id(6), data: event(id(6), { reportedAt: '2025-04-02T09:00:00+08:00' }) },
  ];
}
export const MIXED_EXPECTED = {
  score: 63.33,
  events: 4,
  onTime: [2, 3],
  overdue: [2, 4],
  rework: [1, 3],
  satisfaction: [2, 3],
  belowCounty: [2, 3],
} as const;

/** One event closed on time, satisfied, resolved on the grid, never reworked: every figure at its best, score 100. */
export function perfectTownshipRecords(prefix: string) {
  return [
    {
      entity: 'event',
      entityId: `${prefix}1`,
      data: event(`${prefix}1`, { handleDueAt: '2025-03-01T18:00:00+08:00', satisfaction: 'satisfied', resolvedLevel: 'grid' }),
    },
    action(`${prefix}1`, 'verify', '2025-02-20T10:00:00+08:00'),
  ];
}
export const PERFECT_EXPECTED = { score: 100, events: 1 } as const;
/** A township with no event in the quarter: nothing on time, nothing satisfied, nothing overdue or reworked: 0.2 + 0.15 = 35. */
export const EMPTY_SCORE = 35;
