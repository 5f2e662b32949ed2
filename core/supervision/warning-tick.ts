import type { Db } from '../../db';
import { ordersTurningWarning } from '../../db/queries/supervision';

/**
 * An order's warning is derived on read (yellow at 75 % of its working time,
 * red when overdue); the tick only tells the screens which orders crossed a
 * line since the last tick, so open lists and details reload them.
 */
export function supervisionWarningTicker(db: Db, start: number): (now: number) => string[] {
  let last = start;
  return (now) => {
    const ids = ordersTurningWarning(db, last, now);
    last = now;
    return ids;
  };
}
