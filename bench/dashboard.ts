/**
 * The dashboard on the cached events database (BENCH_EVENTS, default 1,000,000):
 * `dashboard.summary` through the service beside exactly the SQL it runs, raw
 * and prepared once, and each of those statements on its own with its plan.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DATABASE_FILE } from '../core/app';
import type { ServiceContext } from '../core/context';
import { dashboardSummary } from '../core/dashboard/summary';
import { loadMigrations } from '../db/migrate';
import { captureStatements, planOf, replayStatement } from '../db/testing-bench';
import { BENCH_NOW, CACHE_DIR, eventsDatabase, startBenchCore } from './events-db';
import { compare, report, time, type Row } from './harness';

/** Summary p95 on a million events: a wall display re-reads it at most once a second. */
const SUMMARY_LIMIT_MS = 250;

/**
 * The events database of that size, any schema version: this suite copies it and lets the
 * core migrate the copy, so it never rebuilds (or deletes) a database another suite caches.
 */
async function baseDatabase(count: number): Promise<string> {
  const current = loadMigrations().at(-1)?.version ?? 0;
  const candidates = existsSync(CACHE_DIR)
    ? readdirSync(CACHE_DIR)
        .map((f) => ({ f, m: new RegExp(`^events-${count}(?:-v(\\d+))?\\.db$`).exec(f) }))
        .filter((c) => c.m && Number(c.m[1] ?? 0) <= current)
        .sort((a, b) => Number(b.m![1] ?? 0) - Number(a.m![1] ?? 0))
    : [];
  if (candidates.length > 0) return join(CACHE_DIR, candidates[0]!.f);
  return (await eventsDatabase(count, false)).file;
}

export async function benchDashboard(options: { events?: number } = {}): Promise<void> {
  const count = options.events ?? Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const source = await baseDatabase(count);
  const dir = mkdtempSync(join(CACHE_DIR, `run-${process.pid}-`));
  try {
    copyFileSync(source, join(dir, DATABASE_FILE));
    const started = performance.now();
    const core = startBenchCore(dir);
    const migrateSeconds = (performance.now() - started) / 1000;
    try {
      const db = core.db;
      const operator = await core.signIn('operator');
      const ctx = {
        db,
        actor: { userId: '-', username: 'operator', displayName: '-', role: 'operator', unitId: null, sessionId: '-' },
        now: () => BENCH_NOW,
      } as unknown as ServiceContext;
      const captured = captureStatements(db, () => dashboardSummary(ctx));
      const statements = captured.map((c) => ({ ...c, run: replayStatement(db, c) }));
      const rows: (Row & { measures: string })[] = [];
      const summaryRow = await compare(
        'dashboard.summary',
        async () => {
          const result = await operator.call('dashboard.summary', {});
          if (!result.ok) throw new Error(result.error.code);
        },
        () => statements.forEach((s) => s.run()),
        { runs: 40, warmup: 2 },
      );
      rows.push({
        ...summaryRow,
        measures: `dashboard.summary (operator) vs its ${statements.length} statements raw, prepared once`,
        target: `p95 ≤ ${SUMMARY_LIMIT_MS} ms`,
        meets: summaryRow.subject.p95 <= SUMMARY_LIMIT_MS,
      });
      const perStatement = [];
      for (const s of statements) {
        const t = await time(s.run, 10, 1);
        perStatement.push({
          sql: s.sql.replace(/\s+/g, ' ').slice(0, 140),
          medianMs: Number(t.median.toFixed(3)),
          plan: planOf(db, s.sql, s.args.length === 1 && typeof s.args[0] === 'object' ? s.args[0] : s.args),
        });
      }
      perStatement.sort((a, b) => b.medianMs - a.medianMs);
      console.table(perStatement.slice(0, 8).map((p) => ({ 'median ms': p.medianMs, sql: p.sql.slice(0, 90) })));
      report('dashboard', rows, { events: count, source, migrateSeconds, statements: perStatement });
    } finally {
      core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDashboard();
