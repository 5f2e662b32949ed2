import { z } from 'zod';
import { SyncStatus } from './contract/sync';

/**
 * Push topics: core → shell → renderer, never the other way. Each payload has a
 * schema so the renderer can trust what it receives.
 */
export const topics = {
  /** The org directory changed; reload it. */
  'org.changed': z.object({ entity: z.enum(['township', 'village', 'grid', 'unit', 'user']) }),
  /** Events changed (an action, an intake, a warning tick); lists and open details reload them. */
  'events.changed': z.object({ ids: z.array(z.string()).max(1000), reason: z.enum(['action', 'created', 'warning']) }),
  /** This connection's session ended (expired, logged out elsewhere, account disabled). */
  'session.ended': z.object({ reason: z.enum(['expired', 'logout', 'disabled']) }),
  /** The county link changed (state, unsent changes, last sync, last error). */
  'sync.status': SyncStatus,
  /** A county notice arrived; the notices badge reloads. */
  'sync.notice': z.object({ id: z.string(), title: z.string() }),
} as const;

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type PayloadOf<T extends TopicName> = z.infer<Topics[T]>;
export type PushMessage = { [T in TopicName]: { topic: T; payload: PayloadOf<T> } }[TopicName];

export function isTopicName(name: unknown): name is TopicName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(topics, name);
}
