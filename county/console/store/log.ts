import { isoChina } from '../../../common/china-time';
import { isMessageType, parseMessageData } from '../../../common/protocol';
import { ConsoleError } from '../roles';
import { num, type ConsoleDb } from './console-db';

/**
 * Appends a message to a township's log inside the caller's transaction, so
 * the console's record of it and the message commit together. Takes the
 * county's ownership the same way the store's append does: an order it issues,
 * an escalation it accepts. The caller pokes the township after the commit.
 */
export async function appendMessage(
  tx: ConsoleDb,
  townshipId: string,
  type: string,
  data: unknown,
  id: string,
): Promise<{ offset: number }> {
  if (!isMessageType(type)) throw new ConsoleError('BAD_INPUT', `"${type}" is not a message type of PROTOCOL.md.`);
  const parsed = parseMessageData(type, data);
  if (!parsed.ok) throw new ConsoleError('BAD_INPUT', `The ${type} is invalid: ${parsed.message}`);
  // The UPDATE takes the township's row lock first (PostgreSQL), so two nodes cannot hand out one offset twice.
  const { changes } = await tx.run('UPDATE townships SET last_offset = last_offset + 1 WHERE id = ?', [townshipId]);
  if (changes === 0) throw new ConsoleError('NOT_FOUND', `There is no township "${townshipId}".`);
  const [row] = await tx.query<{ last_offset: number }>('SELECT last_offset FROM townships WHERE id = ?', [townshipId]);
  const offset = num(row?.last_offset);
  await tx.run('INSERT INTO messages (township_id, "offset", id, type, at, data) VALUES (?, ?, ?, ?, ?, ?)', [
    townshipId,
    offset,
    id,
    type,
    isoChina(Date.now()),
    JSON.stringify(data),
  ]);
  const d = data as Record<string, unknown>;
  const own = (entity: string, entityId: unknown) =>
    tx.run('INSERT INTO county_owned (township_id, entity, entity_id, since) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
      townshipId,
      entity,
      entityId,
      Date.now(),
    ]);
  if (type === 'supervision_order') await own('supervision_order', d.id);
  if (type === 'escalation_reply' && d.decision === 'accepted') await own('event', d.eventId);
  return { offset };
}
