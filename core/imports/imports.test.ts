import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../app';
import { warmSheetReader } from '../sheets/read-sheet';
import { storedAuditRows } from '../../db/testing';
import { gridsOfVillages } from '../../db/testing-events';
import { databaseDigest, errorCode, expectOk, startTestCore, type TestCore } from '../testing/core';

const csv = (rows: string[][]) => Buffer.from('\uFEFF' + rows.map((r) => r.join(',')).join('\r\n')).toString('base64');

async function xlsx(rows: string[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入');
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

async function readBack(dataBase64: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(dataBase64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

const ORG = [
  ['村（社区）', '类型', '网格', '网格员', '网格员电话'],
  ['河口村', '村', '第一网格', '张伟', '13800000001'],
  ['河口村', '村', '第二网格', '李娜', '13800000002'],
  ['滨江社区', '', '第一网格', '王芳', '13800000003'],
  ['新设村', '村', '', '', ''],
];

describe('onboarding imports', () => {
  let core: TestCore;
  let admin: Connection;

  beforeAll(async () => {
    core = startTestCore();
    admin = await core.signIn('admin');
    await warmSheetReader();
  }, 60_000);
  afterAll(() => core.stop());

  it('imports villages with grids and workers; the same file again changes nothing', async () => {
    const file = { fileName: 'org.xlsx', dataBase64: await xlsx(ORG) };
    const first = expectOk<'imports.org'>(await admin.call('imports.org', file));
    expect(first).toEqual({ created: 6, updated: 0, unchanged: 0, errors: [] });
    const grids = gridsOfVillages(core.db, ['河口村', '滨江社区']);
    expect(grids).toEqual([
      { village: '河口村', kind: 'village', name: '第一网格', worker: '张伟' },
      { village: '河口村', kind: 'village', name: '第二网格', worker: '李娜' },
      { village: '滨江社区', kind: 'community', name: '第一网格', worker: '王芳' },
    ]);
    const before = databaseDigest(core.db);
    expect(expectOk<'imports.org'>(await admin.call('imports.org', file))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 6,
      errors: [],
    });
    expect(databaseDigest(core.db)).toEqual(before);
  });

  it('lists every problem by row and column and writes nothing', async () => {
    const before = databaseDigest(core.db);
    const bad = [
      ['村（社区）', '类型', '网格', '网格员', '网格员电话'],
      ['错误村', '乡', '第一网格', '赵六', 'abc'],
      ['', '村', '', '钱七', ''],
      ['好村', '村', '第一网格', '', ''],
      ['好村', '社区', '第一网格', '', ''],
    ];
    const result = expectOk<'imports.org'>(await admin.call('imports.org', { fileName: 'bad.csv', dataBase64: csv(bad) }));
    expect(result.created).toBe(0);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '类型', 'unknown_kind'],
      [2, '网格员电话', 'bad_phone'],
      [3, '村（社区）', 'required'],
      [3, '网格', 'required'],
      [5, '类型', 'conflict'],
      [5, '网格', 'duplicate'],
    ]);
    expect(databaseDigest(core.db)).toEqual(before);
    const missing = expectOk<'imports.org'>(
      await admin.call('imports.org', { fileName: 'x.csv', dataBase64: csv([['网格'], ['a']]) }),
    );
    expect(missing.errors).toEqual([{ row: 1, column: '村（社区）', code: 'missing_column', reason: 'missing column' }]);
  });

  it('imports units by name, village units included', async () => {
    const rows = [
      ['单位名称', '所属平台', '联系电话', '所属村社'],
      ['河口村委会', '综治工作', '0571-1234567', '河口村'],
      ['水利站', '便民服务', '', ''],
    ];
    const file = { fileName: 'units.csv', dataBase64: csv(rows) };
    expect(expectOk<'imports.units'>(await admin.call('imports.units', file))).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    expect(expectOk<'imports.units'>(await admin.call('imports.units', file))).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const bad = expectOk<'imports.units'>(
      await admin.call('imports.units', { fileName: 'u.csv', dataBase64: csv([rows[0]!, ['X', '别的', '', '不存在村']]) }),
    );
    expect(bad.errors.map((e) => e.code)).toEqual(['unknown_platform', 'unknown_village']);
  });

  it('creates users with one-time passwords on a sheet to hand out; they must change them at first sign-in', async () => {
    const rows = [
      ['用户名', '姓名', '角色', '单位'],
      ['hkduty', '周值班', '值班员', ''],
      ['hkwater', '吴水利', '承办人', '水利站'],
    ];
    const file = { fileName: 'users.xlsx', dataBase64: await xlsx(rows) };
    const result = expectOk<'imports.users'>(await admin.call('imports.users', file));
    expect(result).toMatchObject({ created: 2, unchanged: 0, errors: [] });
    const sheet = await readBack(result.passwordSheet!.dataBase64);
    expect(sheet[0]).toEqual(['用户名', '姓名', '角色', '单位', '一次性密码']);
    const handout = new Map(sheet.slice(1, 3).map((r) => [r[0]!, r[4]!]));
    expect([...handout.keys()]).toEqual(['hkduty', 'hkwater']);
    expect(
      JSON.stringify(
        storedAuditRows(core.db)
          .filter((r) => r.entity === 'user' && r.action === 'import')
          .map((r) => ({ summary: r.summary })),
      ),
    ).not.toContain(handout.get('hkduty'));

    const newcomer = core.connect();
    const login = expectOk<'auth.login'>(
      await newcomer.call('auth.login', { username: 'hkwater', password: handout.get('hkwater')! }),
    );
    expect(login).toMatchObject({ role: 'unit_handler', mustChangePassword: true });
    expect(errorCode(await newcomer.call('events.queue', {}))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(
      errorCode(await newcomer.call('auth.changePassword', { oldPassword: handout.get('hkwater')!, newPassword: 'water2026ok' })),
    ).toBeNull();

    const before = databaseDigest(core.db);
    const again = expectOk<'imports.users'>(await admin.call('imports.users', file));
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 2, errors: [], passwordSheet: null });
    expect(databaseDigest(core.db)).toEqual(before);
  });

  it('refuses bad user rows, all of them listed', async () => {
    const before = databaseDigest(core.db);
    const rows = [
      ['用户名', '姓名', '角色', '单位'],
      ['Bad Name', '甲', '值班员', ''],
      ['okname', '乙', '厨师', ''],
      ['okname', '丙', '承办人', ''],
      ['other', '丁', '值班员', '水利站'],
    ];
    const result = expectOk<'imports.users'>(await admin.call('imports.users', { fileName: 'u.csv', dataBase64: csv(rows) }));
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'invalid'],
      [3, 'unknown_role'],
      [4, 'required'],
      [4, 'duplicate'],
      [5, 'invalid'],
    ]);
    expect(result.passwordSheet).toBeNull();
    expect(databaseDigest(core.db)).toEqual(before);
  });

  it('hands out templates with Chinese headers; only the admin may import or download them', async () => {
    for (const kind of ['org', 'units', 'users'] as const) {
      const file = expectOk<'imports.template'>(await admin.call('imports.template', { kind }));
      expect(file.fileName).toMatch(/模板\.xlsx$/);
      const rows = await readBack(file.dataBase64);
      expect(rows[0]!.every((h) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
    }
    const operator = await core.signIn('operator');
    expect(errorCode(await operator.call('imports.org', { fileName: 'org.csv', dataBase64: csv(ORG) }))).toBe('FORBIDDEN');
    expect(errorCode(await operator.call('imports.template', { kind: 'users' }))).toBe('FORBIDDEN');
  });
});
