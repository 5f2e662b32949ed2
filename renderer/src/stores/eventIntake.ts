import { defineStore } from 'pinia';
import type { DuplicateCandidate, InputOf, NewEvent, OutputOf, QueueRow } from '@common/contract';
import type { z } from 'zod';
import { call, type ClientError, type ClientResult } from '@/api/client';

export type Duplicate = z.infer<typeof DuplicateCandidate>;
export type DuplicateQuery = InputOf<'events.duplicates'>;
export type Created = OutputOf<'events.create'>;
export type { NewEvent };

/** Taking in a new event: the likely duplicates while the form is filled in, the intake itself, and merging. */
export const useEventIntakeStore = defineStore('eventIntake', () => {
  let latestQuery = 0;

  /**
   * Likely duplicates of the form as it stands. Answers to older questions
   * (the operator kept typing) resolve to null so they never overwrite newer ones.
   */
  async function duplicates(query: DuplicateQuery): Promise<ClientResult<Duplicate[]> | null> {
    const mine = ++latestQuery;
    const result = await call('events.duplicates', query);
    return mine === latestQuery ? result : null;
  }

  function create(input: NewEvent): Promise<ClientResult<Created>> {
    return call('events.create', input);
  }

  /** Merge one event into another (合并): the first ends as merged, both timelines are kept. */
  async function merge(id: string, intoId: string, note?: string): Promise<ClientError | null> {
    const result = await call('events.act', { action: 'merge', id, intoId, ...(note ? { note } : {}) });
    return result.ok ? null : result.error;
  }

  /** Events matching a serial number or words, for choosing a merge target. */
  async function find(search: string): Promise<ClientResult<QueueRow[]>> {
    const result = await call('events.queue', {
      filter: { view: 'all', search },
      sort: 'reported_desc',
      offset: 0,
      limit: 20,
    });
    return result.ok ? { ok: true, value: result.value.rows } : result;
  }

  return { duplicates, create, merge, find };
});
