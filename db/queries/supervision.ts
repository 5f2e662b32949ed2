import type { FindingState, OrderColour, OrderState, OrderStrength, OrderTarget } from '../../common/supervision';
import type { Db } from '../open';
import { sql } from '../statements';

export interface OrderRecord {
  id: string;
  serial: string;
  year: number;
  number: number;
  strength: OrderStrength;
  colour: OrderColour;
  targetKind: OrderTarget;
  targetId: string;
  problem: string;
  requirements: string;
  dueAt: number;
  issuedBy: string | null;
  issuedAt: number;
  state: OrderState;
  previousId: string | null;
  source: 'township' | 'county';
  countyRef: string | null;
  closedAt: number | null;
  issuerName: string;
  yellowAt: number;
}

const ORDER_COLUMNS = `id, serial, year, number, strength, colour, target_kind AS targetKind, target_id AS targetId, problem,
  requirements, due_at AS dueAt, issued_by AS issuedBy, issued_at AS issuedAt, state, previous_id AS previousId, source,
  county_ref AS countyRef, closed_at AS closedAt, issuer_name AS issuerName, yellow_at AS yellowAt`;

export function insertOrder(db: Db, o: OrderRecord): void {
  sql(
    db,
    `INSERT INTO supervision_orders (id, serial, year, number, strength, colour, target_kind, target_id, problem, requirements,
      due_at, issued_by, issued_at, state, previous_id, source, county_ref, closed_at, issuer_name, yellow_at)
     VALUES (@id, @serial, @year, @number, @strength, @colour, @targetKind, @targetId, @problem, @requirements, @dueAt,
      @issuedBy, @issuedAt, @state, @previousId, @source, @countyRef, @closedAt, @issuerName, @yellowAt)`,
  ).run(o);
}

export function getOrder(db: Db, id: string): OrderRecord | undefined {
  return sql<OrderRecord>(db, `SELECT ${ORDER_COLUMNS} FROM supervision_orders WHERE id = ?`).get(id);
}

export function serialTaken(db: Db, serial: string): boolean {
  return sql(db, 'SELECT 1 FROM supervision_orders WHERE serial = ?').get(serial) !== undefined;
}

export function findOrderByCountyRef(db: Db, countyRef: string): OrderRecord | undefined {
  return sql<OrderRecord>(db, `SELECT ${ORDER_COLUMNS} FROM supervision_orders WHERE county_ref = ?`).get(countyRef);
}

export function setOrderState(db: Db, id: string, state: OrderState, closedAt: number | null): void {
  sql(db, 'UPDATE supervision_orders SET state = ?, closed_at = ? WHERE id = ?').run(state, closedAt, id);
}

/** The order that re-issued this one, if any. */
export function nextOrderOf(db: Db, id: string): { id: string; serial: string } | undefined {
  return sql<{ id: string; serial: string }>(db, 'SELECT id, serial FROM supervision_orders WHERE previous_id = ?').get(id);
}

export function nextOrderNumber(db: Db, year: number): number {
  return sql<number>(
    db,
    'INSERT INTO supervision_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last',
  )
    .pluck()
    .get(year)!;
}

export function insertOrderUnit(db: Db, orderId: string, unitId: string): void {
  sql(db, 'INSERT INTO supervision_order_units (order_id, unit_id) VALUES (?, ?)').run(orderId, unitId);
}

export function listOrderUnitIds(db: Db, orderId: string): string[] {
  // In the directory's order, as addressees are listed on official documents.
  return sql<string>(
    db,
    `SELECT ou.unit_id FROM supervision_order_units ou JOIN units u ON u.id = ou.unit_id
       WHERE ou.order_id = ? ORDER BY u.sort, u.name`,
  )
    .pluck()
    .all(orderId);
}

export interface OrderQuery {
  state?: OrderState;
  strength?: OrderStrength;
  colour?: OrderColour;
  unitId?: string;
  overdueAt?: number;
  targetKind?: OrderTarget;
  targetId?: string;
  issuedFrom?: number;
  issuedTo?: number;
}

/** WHERE clause and parameters of an order list; the unit filter goes through the unit's index. */
function orderConditions(q: OrderQuery): { where: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  if (q.unitId) {
    terms.push('id IN (SELECT order_id FROM supervision_order_units WHERE unit_id = ?)');
    params.push(q.unitId);
  }
  if (q.overdueAt !== undefined) {
    terms.push("state = 'open' AND due_at < ?");
    params.push(q.overdueAt);
  }
  if (q.state) {
    terms.push('state = ?');
    params.push(q.state);
  }
  if (q.strength) {
    terms.push('strength = ?');
    params.push(q.strength);
  }
  if (q.colour) {
    terms.push('colour = ?');
    params.push(q.colour);
  }
  if (q.targetKind) {
    terms.push('target_kind = ?');
    params.push(q.targetKind);
  }
  if (q.targetId) {
    terms.push('target_id = ?');
    params.push(q.targetId);
  }
  if (q.issuedFrom !== undefined) {
    terms.push('issued_at >= ?');
    params.push(q.issuedFrom);
  }
  if (q.issuedTo !== undefined) {
    terms.push('issued_at < ?');
    params.push(q.issuedTo);
  }
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}

export function orderListSql(q: OrderQuery): { sql: string; countSql: string; params: unknown[] } {
  const { where, params } = orderConditions(q);
  return {
    sql: `SELECT ${ORDER_COLUMNS} FROM supervision_orders ${where} ORDER BY issued_at DESC, rowid DESC LIMIT ? OFFSET ?`,
    countSql: `SELECT count(*) FROM supervision_orders ${where}`,
    params,
  };
}

export function listOrders(db: Db, q: OrderQuery, offset: number, limit: number): { rows: OrderRecord[]; total: number } {
  const { sql: text, countSql, params } = orderListSql(q);
  return {
    rows: sql<OrderRecord>(db, text).all(...params, limit, offset),
    total: sql<number>(db, countSql)
      .pluck()
      .get(...params)!,
  };
}

/** Open or answered orders on a target: a suggestion already being followed is not suggested again. */
export function liveOrderTargets(db: Db, kind: OrderTarget): Set<string> {
  return new Set(
    sql<string>(db, "SELECT target_id FROM supervision_orders WHERE target_kind = ? AND state IN ('open', 'answered')")
      .pluck()
      .all(kind),
  );
}

// Answers -------------------------------------------------------------------

export interface AnswerRecord {
  id: string;
  orderId: string;
  unitId: string;
  text: string;
  answeredBy: string;
  answeredAt: number;
  late: 0 | 1;
  decision: 'accepted' | 'rejected' | null;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionNote: string | null;
}

const ANSWER_COLUMNS = `id, order_id AS orderId, unit_id AS unitId, text, answered_by AS answeredBy, answered_at AS answeredAt, late,
  decision, decided_by AS decidedBy, decided_at AS decidedAt, decision_note AS decisionNote`;

export function insertAnswer(db: Db, a: AnswerRecord): void {
  sql(
    db,
    `INSERT INTO supervision_answers (id, order_id, unit_id, text, answered_by, answered_at, late, decision, decided_by, decided_at, decision_note)
     VALUES (@id, @orderId, @unitId, @text, @answeredBy, @answeredAt, @late, @decision, @decidedBy, @decidedAt, @decisionNote)`,
  ).run(a);
}

export function listAnswers(db: Db, orderId: string): AnswerRecord[] {
  return sql<AnswerRecord>(
    db,
    `SELECT ${ANSWER_COLUMNS} FROM supervision_answers WHERE order_id = ? ORDER BY unit_id, answered_at`,
  ).all(orderId);
}

export function decideAnswers(
  db: Db,
  orderId: string,
  decision: 'accepted' | 'rejected',
  by: string,
  at: number,
  note: string,
): string[] {
  return sql<string>(
    db,
    `UPDATE supervision_answers SET decision = ?, decided_by = ?, decided_at = ?, decision_note = ?
       WHERE order_id = ? AND decision IS NULL RETURNING id`,
  )
    .pluck()
    .all(decision, by, at, note, orderId);
}

export function orderIdOfAnswer(db: Db, answerId: string): string | undefined {
  return sql<string>(db, 'SELECT order_id FROM supervision_answers WHERE id = ?').pluck().get(answerId);
}

// Attachments ---------------------------------------------------------------

export interface SupervisionAttachmentRecord {
  id: string;
  sha256: string;
  ownerKind: 'order' | 'answer' | 'finding';
  ownerId: string;
  name: string;
  mime: string;
  size: number;
  uploadedBy: string | null;
  at: number;
}

const ATTACHMENT_COLUMNS =
  'id, sha256, owner_kind AS ownerKind, owner_id AS ownerId, name, mime, size, uploaded_by AS uploadedBy, at';

export function insertSupervisionAttachment(db: Db, a: SupervisionAttachmentRecord): void {
  sql(
    db,
    `INSERT INTO supervision_attachments (id, sha256, owner_kind, owner_id, name, mime, size, uploaded_by, at)
     VALUES (@id, @sha256, @ownerKind, @ownerId, @name, @mime, @size, @uploadedBy, @at)`,
  ).run(a);
}

export function listSupervisionAttachments(db: Db, ownerKind: string, ownerId: string): SupervisionAttachmentRecord[] {
  return sql<SupervisionAttachmentRecord>(
    db,
    `SELECT ${ATTACHMENT_COLUMNS} FROM supervision_attachments WHERE owner_kind = ? AND owner_id = ? ORDER BY at`,
  ).all(ownerKind, ownerId);
}

export function getSupervisionAttachment(db: Db, id: string): SupervisionAttachmentRecord | undefined {
  return sql<SupervisionAttachmentRecord>(db, `SELECT ${ATTACHMENT_COLUMNS} FROM supervision_attachments WHERE id = ?`).get(id);
}

// Inspection findings -------------------------------------------------------

export interface FindingRecord {
  id: string;
  foundAt: number;
  place: string;
  villageId: string | null;
  unitId: string;
  problem: string;
  inspector: string;
  recordedBy: string;
  recordedAt: number;
  orderId: string | null;
  state: FindingState;
  closedAt: number | null;
}

const FINDING_COLUMNS = `id, found_at AS foundAt, place, village_id AS villageId, unit_id AS unitId, problem, inspector,
  recorded_by AS recordedBy, recorded_at AS recordedAt, order_id AS orderId, state, closed_at AS closedAt`;

export function insertFinding(db: Db, f: FindingRecord): void {
  sql(
    db,
    `INSERT INTO inspection_findings (id, found_at, place, village_id, unit_id, problem, inspector, recorded_by, recorded_at, order_id, state, closed_at)
     VALUES (@id, @foundAt, @place, @villageId, @unitId, @problem, @inspector, @recordedBy, @recordedAt, @orderId, @state, @closedAt)`,
  ).run(f);
}

export function getFinding(db: Db, id: string): FindingRecord | undefined {
  return sql<FindingRecord>(db, `SELECT ${FINDING_COLUMNS} FROM inspection_findings WHERE id = ?`).get(id);
}

export function listFindings(db: Db, state?: FindingState): FindingRecord[] {
  return state
    ? sql<FindingRecord>(
        db,
        `SELECT ${FINDING_COLUMNS} FROM inspection_findings WHERE state = ? ORDER BY found_at DESC LIMIT 1000`,
      ).all(state)
    : sql<FindingRecord>(db, `SELECT ${FINDING_COLUMNS} FROM inspection_findings ORDER BY found_at DESC LIMIT 1000`).all();
}

export function findingsOfOrder(db: Db, orderId: string): FindingRecord[] {
  return sql<FindingRecord>(db, `SELECT ${FINDING_COLUMNS} FROM inspection_findings WHERE order_id = ?`).all(orderId);
}

export function setFinding(
  db: Db,
  id: string,
  change: { orderId: string | null; state: FindingState; closedAt: number | null },
): void {
  sql(db, 'UPDATE inspection_findings SET order_id = @orderId, state = @state, closed_at = @closedAt WHERE id = @id').run({
    id,
    ...change,
  });
}

// Ledger --------------------------------------------------------------------

export function firstAnswers(db: Db, orderId: string): { unitId: string; answeredAt: number; late: number }[] {
  return sql<{ unitId: string; answeredAt: number; late: number }>(
    db,
    `SELECT unit_id AS unitId, min(answered_at) AS answeredAt, late FROM supervision_answers WHERE order_id = ? GROUP BY unit_id`,
  ).all(orderId);
}

/** Open orders whose yellow or red moment came in (since, now]: their warning changed without anyone acting. */
export function ordersTurningWarning(db: Db, since: number, now: number): string[] {
  return sql<string>(
    db,
    `SELECT id FROM supervision_orders WHERE state = 'open' AND yellow_at > ? AND yellow_at <= ?
       UNION SELECT id FROM supervision_orders WHERE state = 'open' AND due_at >= ? AND due_at < ?`,
  )
    .pluck()
    .all(since, now, since, now);
}
