/**
 * Exporting the queue to Excel (issue 18): 100,000 queue rows through
 * `events.export` (paged reads, the streaming writer, base64 over the call)
 * beside ExcelJS's streaming writer fed the same rows by one raw SQL read.
 * Time and the peak RSS each reaches (sampled), on the cached events database.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { EXPORT_MAX_ROWS } from '../common/contract';
import { QUEUE_COLUMNS, queueCells } from '../core/events/export';
import { iterateQueuePage } from '../db/testing-bench';
import { eventsDatabase, rssMb, settle, startOnCopy } from './events-db';
import { report, type Row } from './harness';

/** Runs `fn` while sampling RSS every 20 ms: wall time and the highest RSS seen, MB. */
async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; peakRssMb: number; value: T }> {
  await settle();
  let peak = rssMb();
  const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, rssMb());
  return { ms, peakRssMb: peak, value };
}

export async function benchExport(options: { events?: number } = {}): Promise<void> {
  const count = options.events ?? Number(process.env.BENCH_EXPORT_EVENTS ?? 100_000);
  const rows = Math.min(count, EXPORT_MAX_ROWS);
  const { file } = await eventsDatabase(count, process.env.BENCH_REBUILD === '1');
  const core = startOnCopy(file);
  const dir = mkdtempSync(join(tmpdir(), 'bench-export-'));
  try {
    const operator = await core.signIn('operator');
    const rssAtStartMb = rssMb();

    const subject = await measured(async () => {
      const result = await operator.call('events.export', { filter: { view: 'all' }, sort: 'reported_desc' });
      if (!result.ok) throw new Error(`events.export: ${result.error.code} ${result.error.message}`);
      return result.value as { rows: number; dataBase64: string };
    });
    if (subject.value.rows !== rows) throw new Error(`exported ${subject.value.rows} rows, expected ${rows}`);
    const fileMb = (subject.value.dataBase64.length * 3) / 4 / 1024 / 1024;
    subject.value.dataBase64 = '';

    const baseline = await measured(async () => {
      const path = join(dir, 'direct.xlsx');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
      const sheet = workbook.addWorksheet('事件清单');
      sheet.columns = QUEUE_COLUMNS.map((c) => ({ key: c.key, width: c.width, header: c.header }));
      let index = 0;
      for (const r of iterateQueuePage(core.db, { sort: 'reported_desc', offset: 0, limit: rows }))
        sheet.addRow(queueCells(r, ++index)).commit();
      sheet.commit();
      await workbook.commit();
      return statSync(path).size / 1024 / 1024;
    });

    const timing = (ms: number) => ({ median: ms, p95: ms, runs: 1 });
    const row: Row & { measures: string } = {
      name: `export ${rows.toLocaleString()} queue rows to .xlsx`,
      subject: timing(subject.ms),
      baseline: timing(baseline.ms),
      ratio: subject.ms / baseline.ms,
      target: 'peak RSS well under all rows in memory',
      measures: `events.export ${(subject.ms / 1000).toFixed(1)} s, peak RSS ${subject.peakRssMb} MB (file ${fileMb.toFixed(1)} MB); ExcelJS direct ${(baseline.ms / 1000).toFixed(1)} s, peak RSS ${baseline.peakRssMb} MB (file ${baseline.value.toFixed(1)} MB); RSS at start ${rssAtStartMb} MB`,
    };
    console.log(row.measures);
    report('export', [row], {
      rows,
      rssAtStartMb,
      subjectPeakRssMb: subject.peakRssMb,
      baselinePeakRssMb: baseline.peakRssMb,
      fileMb,
      baselineFileMb: baseline.value,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    core.close();
    core.remove();
  }
}
