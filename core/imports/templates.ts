import ExcelJS from 'exceljs';
import type { DownloadFile, OnboardingKind } from '../../common/contract';
import type { ServiceContext } from '../context';
import { HISTORY_COLUMNS, HISTORY_EXAMPLE } from './history-import';
import { ORG_COLUMNS, ORG_EXAMPLE, UNIT_COLUMNS, UNIT_EXAMPLE } from './org-import';
import { templateHeaders } from './sheet-rows';
import { USER_COLUMNS, USER_EXAMPLE } from './user-import';

const TEMPLATES: Record<OnboardingKind, { title: string; headers: string[]; example: string[]; note: string }> = {
  org: {
    title: '村社区网格导入模板',
    headers: templateHeaders(ORG_COLUMNS),
    example: ORG_EXAMPLE,
    note: '每行一个网格；只有村社区、没有网格的，网格列留空。类型：村 或 社区。',
  },
  units: {
    title: '承办单位导入模板',
    headers: templateHeaders(UNIT_COLUMNS),
    example: UNIT_EXAMPLE,
    note: '所属平台：综治工作、市场监管、综合执法、便民服务。村社自己的单位填所属村社，部门留空。',
  },
  users: {
    title: '用户导入模板',
    headers: templateHeaders(USER_COLUMNS),
    example: USER_EXAMPLE,
    note: '角色：值班员、指挥室主任、考核员、承办人、管理员、大屏。承办人须填单位。导入后每个新账号得到一次性密码，首次登录须修改。',
  },
  history: {
    title: '历史事件导入模板',
    headers: templateHeaders(HISTORY_COLUMNS),
    example: HISTORY_EXAMPLE,
    note: '原系统的已办结事件，每行一件。原编号不可重复，再次导入同一文件不会重复建档。事件类别填类别名称或代码；村（社区）、主办单位须与本系统中的名称一致，可留空。日期如 2023-05-08。最终状态：已办结 或 已归档。',
  },
};

/** The template: the header row the import reads, one example row, and a notes sheet after it (never imported). */
export async function template(_ctx: ServiceContext, input: { kind: OnboardingKind }): Promise<DownloadFile> {
  const spec = TEMPLATES[input.kind];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(spec.title);
  sheet.addRow(spec.headers).font = { bold: true };
  sheet.addRow(spec.example);
  sheet.columns.forEach((column) => (column.width = 18));
  workbook.addWorksheet('说明').addRow([spec.note]);
  return { fileName: `${spec.title}.xlsx`, dataBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}
