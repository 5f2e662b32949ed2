import type { NoticeRecord } from '../../db/queries/sync';
import type { ServiceContext } from '../context';

/** The message being applied, as it came from the county. */
export interface MessageMeta {
  offset: number;
  id: string;
  type: string;
  at: string;
}

/**
 * What an applier gets: a system context (no signed-in actor) inside the
 * transaction that also stores the message and its offset, plus where to say
 * what the message became here.
 */
export interface ApplyContext extends ServiceContext {
  readonly message: MessageMeta;
  readonly inboxId: string;
  /**
   * Rows the receiver writes at the end of the slice, many per INSERT, with the
   * inbox rows: only for a row nothing can refuse (a notice), since a failure
   * then no longer belongs to its message.
   */
  readonly later: { notice(row: NoticeRecord): void };
  /** The local record the message produced (an event id …), shown in the inbox. */
  result(entityId: string, note?: string): void;
}

/** Thrown by an applier: the message is valid on the wire but cannot apply here. Stored as rejected. */
export class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}
