import { describe, expect, it } from 'vitest';
import type { LocationQuery } from 'vue-router';
import { queueFilterFromQuery, queueLinkQuery } from './queueLink';

const asQuery = (raw: ReturnType<typeof queueLinkQuery>) => raw as LocationQuery;

describe('queue links', () => {
  it('carries every filter field through the route query and back', () => {
    const filter = {
      view: 'all' as const,
      states: ['dispatched' as const, 'in_progress' as const],
      villageId: '0193f1c2-0000-7000-8000-000000000001',
      warning: 'red' as const,
      reportedFrom: 1_764_000_000_000,
      reportedTo: 1_764_086_400_000,
      closedFrom: 1,
      closedTo: 2,
      dueFrom: 3,
      dueTo: 4,
      resolvedLevel: 'village' as const,
    };
    const query = queueLinkQuery(filter);
    expect(query.states).toBe('dispatched,in_progress');
    expect(queueFilterFromQuery(asQuery(query))).toEqual(filter);
  });

  it('ignores links without a filter and refuses malformed ones', () => {
    expect(queueFilterFromQuery({ view: 'overdue' })).toBeNull();
    expect(queueFilterFromQuery({ filter: '1', states: 'nonsense' })).toBeNull();
    expect(queueFilterFromQuery({ filter: '1', closedFrom: 'yesterday' })).toBeNull();
  });
});
