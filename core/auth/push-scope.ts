import type { Role } from '../../common/roles';
import type { PushMessage } from '../../common/topics';
import type { Db } from '../../db';
import { eventsAssignedToUnit, ordersAddressedToUnit, sessionScope } from '../../db/queries/auth';
import { CASE_READERS } from '../../common/roles';

/**
 * What one session may be told. A push names the records that changed; a
 * session that may not read a record must not learn of it either:
 * - unit handlers hear of the events assigned to their unit now and the
 *   orders addressed to it;
 * - the viewer (the wall TV) reads no case files: it hears that events
 *   changed, so its figures reload, but not which;
 * - every other topic is the same for all signed-in sessions.
 * Returns null when nothing is left to push to this session.
 */
export function scopePush(db: Db, sessionId: string, message: PushMessage): PushMessage | null {
  if (message.topic !== 'events.changed' && message.topic !== 'supervision.changed') return message;
  const scope = sessionScope(db, sessionId);
  if (!scope) return null;
  const role = scope.role as Role;
  if (message.topic === 'events.changed') {
    if (!CASE_READERS.includes(role)) return { topic: 'events.changed', payload: { ...message.payload, ids: [] } };
    if (role !== 'unit_handler') return message;
    const ids = scope.unitId ? eventsAssignedToUnit(db, scope.unitId, message.payload.ids) : [];
    return ids.length > 0 ? { topic: 'events.changed', payload: { ...message.payload, ids } } : null;
  }
  if (!CASE_READERS.includes(role)) return null;
  if (role !== 'unit_handler') return message;
  const ids = scope.unitId ? ordersAddressedToUnit(db, scope.unitId, message.payload.ids) : [];
  return ids.length > 0 ? { topic: 'supervision.changed', payload: { ids } } : null;
}
