import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { QueueFilter } from '@common/contract';

const NUMBERS = ['reportedFrom', 'reportedTo', 'closedFrom', 'closedTo', 'dueFrom', 'dueTo'] as const;
const TEXTS = ['view', 'categoryId', 'villageId', 'unitId', 'priority', 'source', 'warning', 'resolvedLevel'] as const;

/**
 * A queue filter as the query of a `#/events?…` link (states joined by commas),
 * so that any number on the dashboard opens the queue on exactly its events.
 */
export function queueLinkQuery(filter: QueueFilter): LocationQueryRaw {
  const query: LocationQueryRaw = { filter: '1' };
  for (const key of TEXTS) if (filter[key] !== undefined) query[key] = String(filter[key]);
  for (const key of NUMBERS) if (filter[key] !== undefined) query[key] = String(filter[key]);
  if (filter.states?.length) query.states = filter.states.join(',');
  return query;
}

/** The filter a `#/events?filter=1&…` link carries, checked against the contract; null when the link has none or a bad one. */
export function queueFilterFromQuery(query: LocationQuery): QueueFilter | null {
  if (query.filter !== '1') return null;
  const raw: Record<string, unknown> = {};
  const text = (key: string) => (typeof query[key] === 'string' ? (query[key] as string) : undefined);
  for (const key of TEXTS) if (text(key)) raw[key] = text(key);
  for (const key of NUMBERS) if (text(key)) raw[key] = Number(text(key));
  if (text('states')) raw.states = text('states')!.split(',');
  const parsed = QueueFilter.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
