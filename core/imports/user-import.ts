import ExcelJS from 'exceljs';
import type { DownloadFile, OutputOf, ParsedInputOf } from '../../common/contract';
import { Username } from '../../common/contract/users';
import { ROLES, type Role } from '../../common/roles';
import { listUnits } from '../../db/queries/org';
import { findUserByUsername, insertUser } from '../../db/queries/users';
import { hashPassword, hashPasswordAsync, oneTimePassword } from '../auth/password';
import { audit, type ServiceContext } from '../context';
import { ImportTable, readImportFile, type Column } from './sheet-rows';
import { chinaWallClock } from '../../common/china-time';

type UserField = 'username' | 'displayName' | 'role' | 'unit';

export const USER_COLUMNS: Column<UserField>[] = [
  { field: 'username', headers: ['用户名', '账号', 'username'], required: true },
  { field: 'displayName', headers: ['姓名', 'name', 'displayname'], required: true },
  { field: 'role', headers: ['角色', 'role'], required: true },
  { field: 'unit', headers: ['单位', '所属单位', 'unit'] },
];
export const USER_EXAMPLE = ['zhangwei', '张伟', '承办人', '综合行政执法队'];

export const ROLE_WORDS: Record<string, Role> = {
  值班员: 'operator',
  指挥室主任: 'director',
  主任: 'director',
  带班领导: 'director',
  考核员: 'assessor',
  承办人: 'unit_handler',
  承办人员: 'unit_handler',
  管理员: 'admin',
  系统管理员: 'admin',
  大屏: 'viewer',
  ...Object.fromEntries(ROLES.map((r) => [r, r])),
};
const ROLE_NAMES: Record<Role, string> = {
  operator: '值班员',
  director: '指挥室主任',
  assessor: '考核员',
  unit_handler: '承办人',
  admin: '管理员',
  viewer: '大屏',
};

interface NewUser {
  row: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitName: string;
}

/** The sheet an administrator prints and hands out: each new account with its one-time password. */
async function passwordSheet(users: (NewUser & { password: string })[], now: number): Promise<DownloadFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('一次性密码');
  sheet.columns = [
    { header: '用户名', width: 16 },
    { header: '姓名', width: 12 },
    { header: '角色', width: 12 },
    { header: '单位', width: 20 },
    { header: '一次性密码', width: 16 },
  ];
  for (const u of users) sheet.addRow([u.username, u.displayName, ROLE_NAMES[u.role], u.unitName, u.password]);
  sheet.addRow([]);
  sheet.addRow(['首次登录后须立即修改密码。本表请妥善保管，分发后销毁。']);
  const stamp = chinaWallClock(now).toISOString().slice(0, 16).replace(/[-T:]/g, '');
  return { fileName: `一次性密码-${stamp}.xlsx`, dataBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}

/**
 * User accounts: every new one gets a one-time password (hashed on the thread
 * pool before the transaction) that must be changed at first sign-in. An
 * existing username is left exactly as it is: an import never resets
 * anyone's password, so importing the same file twice changes nothing.
 */
export async function importUsers(
  ctx: ServiceContext,
  input: ParsedInputOf<'imports.users'>,
): Promise<OutputOf<'imports.users'>> {
  const rows = await readImportFile(input);
  const check = (): { t: ImportTable<UserField>; fresh: NewUser[]; unchanged: number } => {
    const t = new ImportTable(rows, USER_COLUMNS);
    const units = new Map(listUnits(ctx.db).map((u) => [u.name, u.id]));
    const seen = new Map<string, number>();
    const fresh: NewUser[] = [];
    let unchanged = 0;
    if (!t.headerOk) return { t, fresh, unchanged };
    for (const { row, cells } of t.body) {
      const username = t.cell(cells, 'username').toLowerCase();
      const displayName = t.cell(cells, 'displayName');
      const roleText = t.cell(cells, 'role');
      const unitName = t.cell(cells, 'unit');
      const before = t.errors.length;
      if (!username) t.fail(row, 'username', 'required', 'the username is missing');
      else if (!Username.safeParse(username).success)
        t.fail(row, 'username', 'invalid', '3–32 lower-case letters, digits, _ . -');
      if (!displayName) t.fail(row, 'displayName', 'required', 'the name is missing');
      else if (displayName.length > 20) t.fail(row, 'displayName', 'too_long', 'at most 20 characters');
      const role = ROLE_WORDS[roleText] ?? ROLE_WORDS[roleText.toLowerCase()];
      if (!roleText) t.fail(row, 'role', 'required', 'the role is missing');
      else if (!role)
        t.fail(row, 'role', 'unknown_role', `unknown role "${roleText}" (值班员, 指挥室主任, 考核员, 承办人, 管理员, 大屏)`);
      const unitId = unitName ? units.get(unitName) : null;
      if (unitId === undefined) t.fail(row, 'unit', 'unknown_unit', `no handling unit named "${unitName}"`);
      else if (role === 'unit_handler' && !unitId) t.fail(row, 'unit', 'required', 'a unit handler must name the unit');
      else if (role && role !== 'unit_handler' && unitId) t.fail(row, 'unit', 'invalid', 'only unit handlers belong to a unit');
      const twin = username ? seen.get(username) : undefined;
      if (twin !== undefined) t.fail(row, 'username', 'duplicate', `${username} is also on row ${twin}`);
      if (username) seen.set(username, row);
      if (t.errors.length > before || !role) continue;
      if (findUserByUsername(ctx.db, username)) unchanged++;
      else fresh.push({ row, username, displayName, role, unitId: unitId ?? null, unitName });
    }
    return { t, fresh, unchanged };
  };

  // A first look outside the transaction, only to know whose passwords to hash; the real check runs again inside.
  const first = check();
  if (first.t.errors.length > 0) return { created: 0, updated: 0, unchanged: 0, errors: first.t.errors, passwordSheet: null };
  const passwords = new Map(first.fresh.map((u) => [u.username, oneTimePassword()]));
  const hashes = new Map(
    await Promise.all([...passwords].map(async ([username, password]) => [username, await hashPasswordAsync(password)] as const)),
  );

  const written = ctx.db
    .transaction(() => {
      const { t, fresh, unchanged } = check();
      if (t.errors.length > 0) return { errors: t.errors, created: [] as (NewUser & { password: string })[], unchanged: 0 };
      const now = ctx.now();
      const created: (NewUser & { password: string })[] = [];
      for (const u of fresh) {
        // Someone added between the two looks: its password was not prepared; it is made now.
        const password = passwords.get(u.username) ?? oneTimePassword();
        const hash = hashes.get(u.username) ?? hashPassword(password);
        insertUser(ctx.db, {
          id: ctx.newId(),
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          unitId: u.unitId,
          passwordHash: hash,
          mustChangePassword: true,
          disabled: false,
          failedLogins: 0,
          lockedUntil: null,
          lastLoginAt: null,
          createdAt: now,
          updatedAt: now,
        });
        created.push({ ...u, password });
      }
      if (created.length > 0) {
        audit(ctx, {
          action: 'import',
          entity: 'user',
          summary: { file: input.fileName, created: created.map((u) => u.username), unchanged },
        });
        ctx.publish({ topic: 'org.changed', payload: { entity: 'user' } });
      }
      return { errors: [], created, unchanged };
    })
    .immediate();
  if (written.errors.length > 0) return { created: 0, updated: 0, unchanged: 0, errors: written.errors, passwordSheet: null };
  return {
    created: written.created.length,
    updated: 0,
    unchanged: written.unchanged,
    errors: [],
    passwordSheet: written.created.length > 0 ? await passwordSheet(written.created, ctx.now()) : null,
  };
}
