/**
 * What core/assessment/big-township.test.ts checks the big test township
 * (db/testing-big-township.ts) holds. Not used by production code.
 */
import type { Db } from './open';
import { sql } from './statements';

/** Rows whose foreign key points nowhere (PRAGMA foreign_key_check), for the builder's test. */
export function foreignKeyProblems(db: Db): unknown[] {
  return db.pragma('foreign_key_check') as unknown[];
}

export interface BigTownshipFacts {
  returnsByVerdict: Record<'accepted' | 'justified' | 'unjustified', number>;
  reopens: number;
  approvedExtensions: number;
  callbacks: number;
  assistSigned: number;
  answersLate: number;
  /** event_units rows without an assignment of the same unit and dispatch time (must be none). */
  unitsWithoutAssignment: number;
  /** Lead assignments that a later one of the same event replaced but that were never marked withdrawn. */
  leadsLeftOpen: number;
  /** The triggers of migration 0011, dropped for the load and created again. */
  assignmentTriggers: number;
}

/** What the builder's test checks the built township holds. */
export function bigTownshipFacts(db: Db): BigTownshipFacts {
  const count = (text: string) => sql<{ n: number }>(db, text).get()!.n;
  const verdicts = sql<{ verdict: string | null; n: number }>(
    db,
    'SELECT return_verdict AS verdict, count(*) AS n FROM event_assignments WHERE returned_at IS NOT NULL GROUP BY 1',
  ).all();
  const of = (v: string | null) => verdicts.find((x) => x.verdict === v)?.n ?? 0;
  return {
    returnsByVerdict: { accepted: of(null), justified: of('justified'), unjustified: of('unjustified') },
    reopens: count("SELECT count(*) AS n FROM event_actions WHERE kind = 'reopen'"),
    approvedExtensions: count("SELECT count(*) AS n FROM extension_requests WHERE state = 'approved'"),
    callbacks: count("SELECT count(*) AS n FROM event_actions WHERE kind = 'callback'"),
    assistSigned: count("SELECT count(*) AS n FROM event_assignments WHERE role = 'assist' AND signed_at IS NOT NULL"),
    answersLate: count('SELECT count(*) AS n FROM supervision_answers WHERE late = 1'),
    unitsWithoutAssignment: count(
      `SELECT count(*) AS n FROM event_units eu WHERE NOT EXISTS (SELECT 1 FROM event_assignments a
         WHERE a.event_id = eu.event_id AND a.unit_id = eu.unit_id AND a.dispatched_at = eu.dispatched_at)`,
    ),
    assignmentTriggers: count(
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'event_assignments_%'",
    ),
    leadsLeftOpen: count(
      `SELECT count(*) AS n FROM event_assignments a WHERE a.role = 'lead' AND a.state <> 'withdrawn'
         AND EXISTS (SELECT 1 FROM event_assignments b WHERE b.event_id = a.event_id AND b.role = 'lead' AND b.id > a.id)`,
    ),
  };
}
