/**
 * The historical-event import (历史导入) at the size of a township's old
 * system: 100,000 rows through the contract (read off the core's thread,
 * every row checked, one transaction), beside the same rows written by plain
 * INSERTs into an identical database in the same run. Then the same file
 * again (every row found unchanged), and the same rows as an .xlsx.
 * Run by `npm run bench` (BENCH_HISTORY_ROWS to change the size, BENCH_HISTORY_XLSX=0 to skip the workbook).
 */
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { chinaMs, DAY_MS } from '../common/china-time';
import { HISTORY_COLUMNS } from '../core/imports/history-import';
import { bigrams, searchableText } from '../core/events/search-text';
import { chinaText } from '../core/events/words';
import { warmSheetReader } from '../core/sheets/read-sheet';
import { startTestCore, type TestCore } from '../core/testing/core';
import { listUnits, listVillages } from '../db/queries/org';
import { listCategories } from '../db/queries/reference';
import { rawInsertHistory, type RawHistoryRow } from '../db/testing-bench';
import { report, type Row } from './harness';

const ROWS = Number(process.env.BENCH_HISTORY_ROWS ?? 100_000);
const WITH_XLSX = process.env.BENCH_HISTORY_XLSX !== '0';
const TARGET_MS = 30_000;

interface Names {
  categories: { id: string; name: string }[];
  villages: { id: string; name: string }[];
  units: { id: string; name: string }[];
}

function namesOf(core: TestCore): Names {
  const all = listCategories(core.db);
  const unique = all.filter((c) => all.filter((d) => d.name === c.name).length === 1);
  return {
    categories: unique.map((c) => ({ id: c.id, name: c.name })),
    villages: listVillages(core.db).map((v) => ({ id: v.id, name: v.name })),
    units: listUnits(core.db).map((u) => ({ id: u.id, name: u.name })),
  };
}

/** Three years of an old system's closed events, spread over every category, village and unit. */
function historyRows(names: Names): { cells: string[][]; raw: Omit<RawHistoryRow, 'id' | 'actionId'>[] } {
  const start = chinaMs('2023-01-01');
  const cells: string[][] = [HISTORY_COLUMNS.map((c) => c.headers[0]!)];
  const raw: Omit<RawHistoryRow, 'id' | 'actionId'>[] = [];
  for (let i = 0; i < ROWS; i++) {
    const category = names.categories[i % names.categories.length]!;
    const village = i % 7 === 0 ? null : names.villages[i % names.villages.length]!;
    const unit = i % 5 === 0 ? null : names.units[(i * 7) % names.units.length]!;
    const reportedAt = start + Math.floor((i / ROWS) * 1000) * DAY_MS;
    const closedAt = reportedAt + (1 + (i % 9)) * DAY_MS;
    const state = i % 4 === 0 ? 'closed' : 'archived';
    const serial = `QX-OLD-${String(i + 1).padStart(6, '0')}`;
    const title = `${village?.name ?? '清溪镇'}${category.name}问题（第${i + 1}号）`;
    cells.push([
      serial,
      title,
      category.name,
      village?.name ?? '',
      chinaText(reportedAt).slice(0, 10),
      chinaText(closedAt).slice(0, 10),
      state === 'closed' ? '已办结' : '已归档',
      unit?.name ?? '',
    ]);
    const text = searchableText({ serial, title, description: '', address: '' });
    raw.push({
      serial,
      title,
      categoryId: category.id,
      villageId: village?.id ?? null,
      leadUnitId: unit?.id ?? null,
      reportedAt,
      closedAt,
      state,
      searchText: text,
      searchBigrams: bigrams(text),
    });
  }
  return { cells, raw };
}

const csvBase64 = (cells: string[][]) => Buffer.from('\uFEFF' + cells.map((r) => r.join(',')).join('\r\n')).toString('base64');

/** Written as a stream (as the old system's exporter would): building 100,000 rows in memory costs gigabytes. */
async function xlsxBase64(cells: string[][]): Promise<string> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('历史事件');
  for (const r of cells) sheet.addRow(r).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks).toString('base64');
}

/**
 * Wall time of one call, the CPU time the whole process (the reader's thread included) spent on
 * it, and the highest RSS seen while it ran (sampled every 50 ms). On a machine shared with other
 * work the wall time stretches; CPU time much less so.
 */
async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; peakRssMb: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const value = await fn();
    const used = process.cpuUsage(cpu);
    return {
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024,
      value,
    };
  } finally {
    clearInterval(sampler);
  }
}

const once = (ms: number) => ({ median: ms, p95: ms, runs: 1 });

export async function benchImport(): Promise<void> {
  const subjectCore = startTestCore();
  const baselineCore = startTestCore();
  try {
    const admin = await subjectCore.signIn('admin');
    await warmSheetReader();
    const names = namesOf(subjectCore);
    const { cells, raw } = historyRows(names);
    const csv = csvBase64(cells);

    // Baseline: the same rows (names resolved beforehand) by plain INSERTs into an identical database.
    const baselineNames = namesOf(baselineCore);
    const remap = (list: { id: string; name: string }[], other: { id: string; name: string }[]) =>
      new Map(list.map((x) => [x.id, other.find((o) => o.name === x.name)!.id]));
    const categoryIds = remap(names.categories, baselineNames.categories);
    const villageIds = remap(names.villages, baselineNames.villages);
    const unitIds = remap(names.units, baselineNames.units);
    const baselineRows: RawHistoryRow[] = raw.map((r, i) => ({
      ...r,
      id: `bench-${i}`,
      actionId: `bench-action-${i}`,
      categoryId: categoryIds.get(r.categoryId)!,
      villageId: r.villageId ? villageIds.get(r.villageId)! : null,
      leadUnitId: r.leadUnitId ? unitIds.get(r.leadUnitId)! : null,
    }));
    const baseline = await measured(async () => rawInsertHistory(baselineCore.db, baselineRows, 'bench', baselineCore.clock.now));

    const first = await measured(() => admin.call('imports.history', { fileName: 'history.csv', dataBase64: csv }));
    if (!first.value.ok || (first.value.value as { created: number }).created !== ROWS)
      throw new Error(`history import failed: ${JSON.stringify(first.value).slice(0, 500)}`);
    const again = await measured(() => admin.call('imports.history', { fileName: 'history.csv', dataBase64: csv }));
    if (!again.value.ok || (again.value.value as { unchanged: number }).unchanged !== ROWS)
      throw new Error(`history re-import changed something: ${JSON.stringify(again.value).slice(0, 500)}`);

    const rows: Row[] = [
      {
        name: `historical import, ${ROWS.toLocaleString('en')} rows (.csv)`,
        subject: once(first.ms),
        baseline: once(baseline.ms),
        ratio: first.ms / baseline.ms,
        target: '≤ 30 s',
        meets: first.ms <= TARGET_MS,
      },
      {
        name: 'the same file again (all unchanged)',
        subject: once(again.ms),
        baseline: once(baseline.ms),
        ratio: again.ms / baseline.ms,
        target: '≤ 30 s',
        meets: again.ms <= TARGET_MS,
      },
    ];
    const extra: Record<string, unknown> = {
      rows: ROWS,
      csvMb: Math.round((Buffer.byteLength(csv, 'base64') / 1024 / 1024) * 10) / 10,
      importCpuMs: Math.round(first.cpuMs),
      baselineCpuMs: Math.round(baseline.cpuMs),
      cpuRatio: Math.round((first.cpuMs / baseline.cpuMs) * 100) / 100,
      reimportCpuMs: Math.round(again.cpuMs),
      importPeakRssMb: Math.round(first.peakRssMb),
      baselinePeakRssMb: Math.round(baseline.peakRssMb),
    };

    if (WITH_XLSX) {
      // The same rows as a workbook into a third identical database (the events are new again there).
      const xlsxCore = startTestCore();
      try {
        const xlsxAdmin = await xlsxCore.signIn('admin');
        const workbook = await xlsxBase64(cells);
        const viaXlsx = await measured(() =>
          xlsxAdmin.call('imports.history', { fileName: 'history.xlsx', dataBase64: workbook }),
        );
        if (!viaXlsx.value.ok || (viaXlsx.value.value as { created: number }).created !== ROWS)
          throw new Error(`history import (.xlsx) failed: ${JSON.stringify(viaXlsx.value).slice(0, 500)}`);
        rows.push({
          name: `historical import, ${ROWS.toLocaleString('en')} rows (.xlsx)`,
          subject: once(viaXlsx.ms),
          baseline: once(baseline.ms),
          ratio: viaXlsx.ms / baseline.ms,
          target: '≤ 30 s',
          meets: viaXlsx.ms <= TARGET_MS,
        });
        extra.xlsxMb = Math.round((Buffer.byteLength(workbook, 'base64') / 1024 / 1024) * 10) / 10;
        extra.xlsxImportCpuMs = Math.round(viaXlsx.cpuMs);
        extra.xlsxImportPeakRssMb = Math.round(viaXlsx.peakRssMb);
      } finally {
        xlsxCore.stop();
      }
    }
    report('import', rows, extra);
  } finally {
    subjectCore.stop();
    baselineCore.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchImport();
