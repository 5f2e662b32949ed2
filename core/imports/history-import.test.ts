import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../common/china-time';
import { storedAuditRows } from '../../db/testing';
import type { Connection } from '../app';
import { chinaText } from '../events/words';
import { warmSheetReader } from '../sheets/read-sheet';
import { databaseDigest, expectOk, startTestCore, type TestCore } from '../testing/core';
import { parseHistoryDate } from './history-import';

const HEADER = ['原编号', '标题', '事件类别', '村（社区）', '受理日期', '办结日期', '最终状态', '主办单位'];

const csv = (rows: string[][]) => Buffer.from('\uFEFF' + rows.map((r) => r.join(',')).join('\r\n')).toString('base64');

async function xlsx(rows: (string | Date)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('历史事件');
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

describe('historical-event import', () => {
  let core: TestCore;
  let admin: Connection;
  let director: Connection;

  beforeAll(async () => {
    core = startTestCore({ demoEvents: 40 });
    admin = await core.signIn('admin');
    director = await core.signIn('director');
    await warmSheetReader();
  }, 60_000);
  afterAll(() => core.stop());

  /** A China date `daysAgo` days before the core's now, as the old system's export writes it. */
  const day = (daysAgo: number) => chinaText(core.clock.now - daysAgo * DAY_MS).slice(0, 10);

  it('reads the dates people type', () => {
    expect(parseHistoryDate('2023-05-08')).toBe(parseHistoryDate('2023/5/8'));
    expect(parseHistoryDate('2023年5月8日')).toBe(parseHistoryDate('2023-05-08 00:00'));
    expect(parseHistoryDate('2023-02-30')).toBeNull();
    expect(parseHistoryDate('08/05/2023')).toBeNull();
  });

  it('refuses a file with bad rows, lists every problem and writes nothing', async () => {
    const before = databaseDigest(core.db);
    const rows = [
      HEADER,
      ['OLD-1', '垃圾清运不及时', '环境卫生', '桃源村', day(20), day(18), '已归档', '综合行政执法队'],
      ['OLD-2', '', '没有这个类别', '桃源村', day(20), day(18), '已办结', ''],
      ['OLD-1', '重复编号', '环境卫生', '', day(20), day(18), '已办结', ''],
      ['OLD-3', '日期不对', '环境卫生', '不存在村', '2023-13-01', day(18), '处置中', '不存在单位'],
      ['OLD-4', '先办结后受理', '环境卫生', '', day(10), day(12), '已办结', ''],
      ['OLD-5', '未来', '环境卫生', '', day(10), day(-3), '已办结', ''],
    ];
    const outcome = expectOk<'imports.history'>(
      await admin.call('imports.history', { fileName: 'old.csv', dataBase64: csv(rows) }),
    );
    expect(outcome.created + outcome.updated + outcome.unchanged).toBe(0);
    expect(outcome.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '标题', 'required'],
      [3, '事件类别', 'unknown_category'],
      [4, '原编号', 'duplicate'],
      [5, '村（社区）', 'unknown_village'],
      [5, '主办单位', 'unknown_unit'],
      [5, '受理日期', 'bad_date'],
      [5, '最终状态', 'unknown_state'],
      [6, '办结日期', 'bad_date'],
      [7, '办结日期', 'bad_date'],
    ]);
    expect(databaseDigest(core.db)).toEqual(before);
  });

  it('refuses an old serial that is the serial of an event taken in here', async () => {
    const [taken] = expectOk<'events.queue'>(await director.call('events.queue', { limit: 1 })).rows;
    const before = databaseDigest(core.db);
    const rows = [HEADER, [taken!.serial, '撞号', '环境卫生', '', day(20), day(18), '已办结', '']];
    const outcome = expectOk<'imports.history'>(
      await admin.call('imports.history', { fileName: 'old.csv', dataBase64: csv(rows) }),
    );
    expect(outcome.errors).toEqual([expect.objectContaining({ row: 2, column: '原编号', code: 'conflict' })]);
    expect(databaseDigest(core.db)).toEqual(before);
  });

  it('keeps good rows as closed or archived events with one timeline entry; the same file again changes nothing', async () => {
    const summaryBefore = expectOk<'dashboard.summary'>(await director.call('dashboard.summary', {}));
    const rows = [
      HEADER,
      ['QX2023-0001', '桃源村垃圾清运不及时', '环境卫生', '桃源村', day(20), day(18), '已归档', '综合行政执法队'],
      ['QX2023-0002', '石桥村占道经营', '环境卫生', '石桥村', day(15), day(14), '已办结', ''],
      ['QX2023-0003', '邻里纠纷调解', 'dispute', '', day(12), day(9), '已归档', '司法所'],
    ];
    const file = { fileName: 'old.xlsx', dataBase64: await xlsx(rows) };
    expect(expectOk<'imports.history'>(await admin.call('imports.history', file))).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    const audit = storedAuditRows(core.db).filter((r) => r.action === 'import' && r.entity === 'event');
    expect(audit).toHaveLength(1);

    const queue = expectOk<'events.queue'>(
      await director.call('events.queue', { filter: { view: 'all', source: 'history_import' }, limit: 50 }),
    );
    expect(queue.rows.map((r) => [r.serial, r.state]).sort()).toEqual([
      ['QX2023-0001', 'archived'],
      ['QX2023-0002', 'closed'],
      ['QX2023-0003', 'archived'],
    ]);
    const first = queue.rows.find((r) => r.serial === 'QX2023-0001')!;
    const detail = expectOk<'events.get'>(await director.call('events.get', { id: first.id }));
    expect(detail.source).toBe('history_import');
    expect(first.leadUnitName).toBe('综合行政执法队');
    expect(detail.timeline.map((e) => [e.kind, e.toState])).toEqual([['history_import', 'archived']]);

    // The dashboard's history has them: the states of all time, and the 30-day trend on their days.
    const summary = expectOk<'dashboard.summary'>(await director.call('dashboard.summary', {}));
    const byState = (s: typeof summary, state: string) => s.byState.find((b) => b.state === state)?.figure.count ?? 0;
    expect(byState(summary, 'archived')).toBe(byState(summaryBefore, 'archived') + 2);
    expect(byState(summary, 'closed')).toBe(byState(summaryBefore, 'closed') + 1);
    const trendOf = (s: typeof summary, d: string) => s.trend.find((t) => t.day === d)!;
    for (const [received, closed] of [
      [20, 18],
      [15, 14],
      [12, 9],
    ] as const) {
      expect(trendOf(summary, day(received)).received.count).toBeGreaterThan(0);
      expect(trendOf(summary, day(closed)).closed.count).toBe(trendOf(summaryBefore, day(closed)).closed.count + 1);
    }

    const before = databaseDigest(core.db);
    expect(expectOk<'imports.history'>(await admin.call('imports.history', file))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      errors: [],
    });
    // The same rows as a CSV are the same events.
    expect(
      expectOk<'imports.history'>(await admin.call('imports.history', { fileName: 'old.csv', dataBase64: csv(rows) })),
    ).toEqual({ created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(databaseDigest(core.db)).toEqual(before);
  });

  it('corrects an imported event when the old system was corrected', async () => {
    const rows = [HEADER, ['QX2023-0002', '石桥村占道经营（更正）', '环境卫生', '石桥村', day(15), day(14), '已归档', '']];
    expect(
      expectOk<'imports.history'>(await admin.call('imports.history', { fileName: 'fix.csv', dataBase64: csv(rows) })),
    ).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
      errors: [],
    });
    const queue = expectOk<'events.queue'>(
      await director.call('events.queue', { filter: { view: 'all', source: 'history_import' }, limit: 50 }),
    );
    const fixed = queue.rows.find((r) => r.serial === 'QX2023-0002')!;
    expect([fixed.title, fixed.state]).toEqual(['石桥村占道经营（更正）', 'archived']);
    const detail = expectOk<'events.get'>(await director.call('events.get', { id: fixed.id }));
    expect(detail.timeline.map((e) => [e.kind, e.toState])).toEqual([['history_import', 'archived']]);
  });

  it('only the administrator imports, and the template has the Chinese headers', async () => {
    const refused = await director.call('imports.history', { fileName: 'old.csv', dataBase64: csv([HEADER]) });
    expect(refused.ok).toBe(false);
    const template = expectOk<'imports.template'>(await admin.call('imports.template', { kind: 'history' }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
  });
});
