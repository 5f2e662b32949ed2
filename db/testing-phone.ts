/** Test support for the phone end-to-end tests (e2e/phone.e2e.test.ts): what they read back from the room's database. */
import type { Db } from './open';
import { sql } from './statements';

export function handleDueOfSerial(db: Db, serial: string): number | null | undefined {
  return sql<{ handleDueAt: number | null }>(db, 'SELECT handle_due_at AS handleDueAt FROM events WHERE serial = ?').get(serial)
    ?.handleDueAt;
}

export function extensionStatesOfSerial(db: Db, serial: string): string[] {
  return sql<{ state: string }>(
    db,
    'SELECT r.state FROM extension_requests r JOIN events e ON e.id = r.event_id WHERE e.serial = ? ORDER BY r.requested_at',
  )
    .all(serial)
    .map((row) => row.state);
}

export function attachmentsOfSerial(db: Db, serial: string): { sha256: string; mime: string; size: number }[] {
  return sql<{ sha256: string; mime: string; size: number }>(
    db,
    'SELECT a.sha256, a.mime, a.size FROM attachments a JOIN events e ON e.id = a.event_id WHERE e.serial = ? ORDER BY a.at',
  ).all(serial);
}

export function actionNotesOfSerial(db: Db, serial: string, kind: string): string[] {
  return sql<{ note: string }>(
    db,
    'SELECT a.note FROM event_actions a JOIN events e ON e.id = a.event_id WHERE e.serial = ? AND a.kind = ? ORDER BY a.rowid',
  )
    .all(serial, kind)
    .map((row) => row.note);
}
