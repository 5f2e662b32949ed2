import { z } from 'zod';
import { SyncStatus } from './contract/sync';

/**
 * Push topics: core → shell → renderer, never the other way. Each payload has a
 * schema so the renderer can trust what it receives.
 */
export const topics = {
  /** Categories, deadline rules, routing rules or 一件事 templates changed; forms and the reference page reload them. */
  'reference.changed': z.object({}),
  /** The org directory changed; reload it. */
  'org.changed': z.object({ entity: z.enum(['township', 'village', 'grid', 'unit', 'user']) }),
  /** Events changed (an action, an intake, a warning tick); lists and open details reload them. */
  'events.changed': z.object({ ids: z.array(z.string()).max(1000), reason: z.enum(['action', 'created', 'warning']) }),
  /** Supervision orders or inspection findings changed; lists and open orders reload them. */
  'supervision.changed': z.object({ ids: z.array(z.string()).max(1000) }),
  /** Risk assessments changed (the 平安建设 workbench); the register and open assessments reload. */
  'risk.changed': z.object({ ids: z.array(z.string()).max(1000) }),
  /** Special campaigns changed (a report, a task, a tagged hazard); the campaign page reloads. */
  'campaigns.changed': z.object({ ids: z.array(z.string()).max(1000) }),
  /** After-action reviews changed (findings, an improvement action, an order made from one); the review page reloads. */
  'reviews.changed': z.object({ ids: z.array(z.string()).max(1000) }),
  /** The unacknowledged alarms or a mute changed; coalesced by the core to one push per 250 ms. */
  'alarms.changed': z.object({}),
  /** The detector registry changed (edit, delete, import). */
  'iot.changed': z.object({}),
  /** This connection's session ended (expired, logged out elsewhere, account disabled). */
  'session.ended': z.object({ reason: z.enum(['expired', 'logout', 'disabled']) }),
  /** A backup was written (or failed); the backups page reloads its list. */
  'backups.changed': z.object({ name: z.string().nullable(), ok: z.boolean() }),
  /** The core is about to close and reopen (a backup is being restored); reconnect and sign in again. */
  'app.restarting': z.object({ reason: z.enum(['restore']) }),
  /** The county link changed (state, unsent changes, last sync, last error). */
  'sync.status': SyncStatus,
  /** A county notice arrived; the notices badge reloads. */
  'sync.notice': z.object({ id: z.string(), title: z.string() }),
} as const;

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type PayloadOf<T extends TopicName> = z.infer<Topics[T]>;
export type PushMessage = { [T in TopicName]: { topic: T; payload: PayloadOf<T> } }[TopicName];
