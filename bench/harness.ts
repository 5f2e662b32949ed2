import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

export interface Row {
  name: string;
  subject: Timing;
  baseline: Timing;
  /** subject p95 / baseline p95: how much the app's road costs over raw SQL. */
  ratio: number;
  target?: string;
  /** Whether the subject meets `target`, where the suite computes it. */
  meets?: boolean | null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Times `fn` `runs` times after a warm-up; milliseconds. */
export async function time(fn: () => unknown | Promise<unknown>, runs = 200, warmup = 20): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
    // Untimed: one event-loop turn, as between two real requests (lets native finalizers run).
    await new Promise((resolve) => setImmediate(resolve));
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p95: percentile(samples, 95), runs };
}

/**
 * Subject and baseline are interleaved in rounds so that machine noise hits
 * both alike; the ratio is what we compare across runs.
 */
export async function compare(
  name: string,
  subject: () => unknown,
  baseline: () => unknown,
  options: { runs?: number; target?: string; warmup?: number } = {},
): Promise<Row> {
  const runs = options.runs ?? 200;
  const warmup = options.warmup ?? 5;
  const s: Timing[] = [];
  const b: Timing[] = [];
  for (let round = 0; round < 4; round++) {
    b.push(await time(baseline, runs / 4, warmup));
    s.push(await time(subject, runs / 4, warmup));
  }
  const merge = (t: Timing[]): Timing => ({
    median: t.map((x) => x.median).sort((x, y) => x - y)[1]!,
    p95: Math.max(...t.map((x) => x.p95)),
    runs,
  });
  const subjectTiming = merge(s);
  const baselineTiming = merge(b);
  return {
    name,
    subject: subjectTiming,
    baseline: baselineTiming,
    ratio: subjectTiming.p95 / Math.max(baselineTiming.p95, 1e-6),
    ...(options.target ? { target: options.target } : {}),
  };
}

export function report(suite: string, rows: Row[], extra: Record<string, unknown> = {}): void {
  const ms = (n: number) => n.toFixed(3);
  console.log(`\n${suite}`);
  console.table(
    rows.map((r) => ({
      case: r.name,
      'median ms': ms(r.subject.median),
      'p95 ms': ms(r.subject.p95),
      'raw SQL median ms': ms(r.baseline.median),
      'raw SQL p95 ms': ms(r.baseline.p95),
      'ratio (p95)': r.ratio.toFixed(2),
      target: r.target ?? '',
      ...(r.meets === undefined ? {} : { meets: r.meets === null ? '' : r.meets ? 'yes' : 'NO' }),
    })),
  );
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS ${peakRssMb.toFixed(1)} MB`);
  const result = { suite, at: new Date().toISOString(), node: process.version, rows, peakRssMb, ...extra };
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${suite}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result));
  console.log(`written to ${file}`);
}
