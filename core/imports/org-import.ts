import type { ImportOutcome, ParsedInputOf } from '../../common/contract';
import type { Grid, Unit, Village } from '../../common/contract';
import { PLATFORMS, type Platform, type VillageKind } from '../../common/org';
import * as q from '../../db/queries/org';
import { audit, type ServiceContext } from '../context';
import { ImportTable, PHONE, readImportFile, type Column } from './sheet-rows';

type OrgField = 'village' | 'kind' | 'grid' | 'workerName' | 'workerPhone';

export const ORG_COLUMNS: Column<OrgField>[] = [
  { field: 'village', headers: ['村（社区）', '村社区', '村/社区', '村社', '村', 'village'], required: true },
  { field: 'kind', headers: ['类型', '村或社区', 'kind'] },
  { field: 'grid', headers: ['网格', '网格名称', 'grid'] },
  { field: 'workerName', headers: ['网格员', '网格员姓名', 'gridworker', 'worker'] },
  { field: 'workerPhone', headers: ['网格员电话', '网格员手机', 'workerphone', 'phone'] },
];
export const ORG_EXAMPLE = ['桃源村', '村', '第一网格', '张伟', '13800000001'];

const KIND_WORDS: Record<string, VillageKind> = {
  村: 'village',
  行政村: 'village',
  社区: 'community',
  village: 'village',
  community: 'community',
};

const summary = (o: ImportOutcome) => ({ created: o.created, updated: o.updated, unchanged: o.unchanged });

/**
 * Villages and communities with their grids and grid workers. A village is
 * known by its name, a grid by its village and name: importing the same file
 * again finds everything as it is and changes nothing.
 */
export async function importOrg(ctx: ServiceContext, input: ParsedInputOf<'imports.org'>): Promise<ImportOutcome> {
  const rows = await readImportFile(input);
  return ctx.db
    .transaction((): ImportOutcome => {
      const t = new ImportTable(rows, ORG_COLUMNS);
      const villages = new Map<string, { kind: VillageKind; row: number }>();
      const grids = new Map<
        string,
        { village: string; name: string; workerName: string | null; workerPhone: string | null; row: number }
      >();
      if (t.headerOk) {
        for (const { row, cells } of t.body) {
          const name = t.cell(cells, 'village');
          const kindText = t.cell(cells, 'kind');
          const grid = t.cell(cells, 'grid');
          const workerName = t.cell(cells, 'workerName');
          const workerPhone = t.cell(cells, 'workerPhone');
          if (!name) t.fail(row, 'village', 'required', 'the village or community is missing');
          else if (name.length > 40) t.fail(row, 'village', 'too_long', 'at most 40 characters');
          const kind: VillageKind | undefined =
            kindText === '' ? (name.endsWith('社区') ? 'community' : 'village') : KIND_WORDS[kindText.toLowerCase()];
          if (!kind) t.fail(row, 'kind', 'unknown_kind', `unknown kind "${kindText}" (村, 社区)`);
          if (grid.length > 40) t.fail(row, 'grid', 'too_long', 'at most 40 characters');
          if (!grid && (workerName || workerPhone)) t.fail(row, 'grid', 'required', 'a grid worker needs the grid');
          if (workerName.length > 20) t.fail(row, 'workerName', 'too_long', 'at most 20 characters');
          if (workerPhone && !PHONE.test(workerPhone)) t.fail(row, 'workerPhone', 'bad_phone', 'phone must be 5–20 digits');
          if (!name || !kind) continue;
          const earlier = villages.get(name);
          if (earlier && earlier.kind !== kind) {
            t.fail(row, 'kind', 'conflict', `row ${earlier.row} gives "${name}" another kind`);
          } else if (!earlier) villages.set(name, { kind, row });
          if (grid) {
            const key = `${name}\u0000${grid}`;
            const twin = grids.get(key);
            if (twin) t.fail(row, 'grid', 'duplicate', `${name} ${grid} is also on row ${twin.row}`);
            else
              grids.set(key, {
                village: name,
                name: grid,
                workerName: workerName || null,
                workerPhone: workerPhone || null,
                row,
              });
          }
        }
      }
      if (t.errors.length > 0) return { created: 0, updated: 0, unchanged: 0, errors: t.errors };

      const outcome: ImportOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
      const villageIds = new Map<string, string>();
      for (const [name, { kind }] of villages) {
        const existing = q.findVillageByName(ctx.db, name);
        if (!existing) {
          const village: Village = { id: ctx.newId(), name, kind, sort: q.nextVillageSort(ctx.db) };
          q.insertVillage(ctx.db, village);
          villageIds.set(name, village.id);
          outcome.created++;
        } else {
          villageIds.set(name, existing.id);
          if (existing.kind !== kind) {
            q.updateVillage(ctx.db, { ...existing, kind });
            outcome.updated++;
          } else outcome.unchanged++;
        }
      }
      for (const g of grids.values()) {
        const villageId = villageIds.get(g.village)!;
        const existing = q.findGridByName(ctx.db, villageId, g.name);
        const next: Grid = {
          id: existing?.id ?? ctx.newId(),
          villageId,
          name: g.name,
          workerName: g.workerName,
          workerPhone: g.workerPhone,
        };
        if (!existing) {
          q.insertGrid(ctx.db, next);
          outcome.created++;
        } else if (existing.workerName !== next.workerName || existing.workerPhone !== next.workerPhone) {
          q.updateGrid(ctx.db, next);
          outcome.updated++;
        } else outcome.unchanged++;
      }
      if (outcome.created + outcome.updated > 0) {
        audit(ctx, {
          action: 'import',
          entity: 'village',
          summary: { file: input.fileName, villages: villages.size, grids: grids.size, ...summary(outcome) },
        });
        ctx.publish({ topic: 'org.changed', payload: { entity: 'village' } });
        ctx.publish({ topic: 'org.changed', payload: { entity: 'grid' } });
      }
      return outcome;
    })
    .immediate();
}

type UnitField = 'name' | 'platform' | 'phone' | 'village';

export const UNIT_COLUMNS: Column<UnitField>[] = [
  { field: 'name', headers: ['单位名称', '单位', '名称', 'unit', 'name'], required: true },
  { field: 'platform', headers: ['所属平台', '平台', 'platform'], required: true },
  { field: 'phone', headers: ['联系电话', '电话', 'phone'] },
  { field: 'village', headers: ['所属村社', '村（社区）', '村社', 'village'] },
];
export const UNIT_EXAMPLE = ['综合行政执法队', '综合执法', '0571-6500301', ''];

const PLATFORM_WORDS: Record<string, Platform> = {
  综治工作: 'comprehensive_governance',
  综治: 'comprehensive_governance',
  市场监管: 'market_supervision',
  综合执法: 'comprehensive_enforcement',
  便民服务: 'public_service',
  ...Object.fromEntries(PLATFORMS.map((p) => [p, p])),
};

/** Handling units, known by name: a unit with a village is that village's own (村社) unit. */
export async function importUnits(ctx: ServiceContext, input: ParsedInputOf<'imports.units'>): Promise<ImportOutcome> {
  const rows = await readImportFile(input);
  return ctx.db
    .transaction((): ImportOutcome => {
      const t = new ImportTable(rows, UNIT_COLUMNS);
      const villages = new Map(q.listVillages(ctx.db).map((v) => [v.name, v.id]));
      const units = new Map<string, { row: number; platform: Platform; phone: string | null; villageId: string | null }>();
      if (t.headerOk) {
        for (const { row, cells } of t.body) {
          const name = t.cell(cells, 'name');
          const platformText = t.cell(cells, 'platform');
          const phone = t.cell(cells, 'phone');
          const villageText = t.cell(cells, 'village');
          if (!name) t.fail(row, 'name', 'required', 'the unit name is missing');
          else if (name.length > 40) t.fail(row, 'name', 'too_long', 'at most 40 characters');
          const platform = PLATFORM_WORDS[platformText] ?? PLATFORM_WORDS[platformText.toLowerCase()];
          if (!platformText) t.fail(row, 'platform', 'required', 'the platform is missing');
          else if (!platform)
            t.fail(
              row,
              'platform',
              'unknown_platform',
              `unknown platform "${platformText}" (综治工作, 市场监管, 综合执法, 便民服务)`,
            );
          if (phone && !PHONE.test(phone)) t.fail(row, 'phone', 'bad_phone', 'phone must be 5–20 digits');
          const villageId = villageText ? villages.get(villageText) : null;
          if (villageId === undefined)
            t.fail(row, 'village', 'unknown_village', `no village or community named "${villageText}"`);
          if (!name || !platform || villageId === undefined) continue;
          const twin = units.get(name);
          if (twin) t.fail(row, 'name', 'duplicate', `"${name}" is also on row ${twin.row}`);
          else units.set(name, { row, platform, phone: phone || null, villageId });
        }
      }
      if (t.errors.length > 0) return { created: 0, updated: 0, unchanged: 0, errors: t.errors };

      const outcome: ImportOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
      for (const [name, u] of units) {
        const existing = q.findUnitByName(ctx.db, name);
        const next: Unit = {
          id: existing?.id ?? ctx.newId(),
          name,
          platform: u.platform,
          kind: u.villageId ? 'village' : 'department',
          villageId: u.villageId,
          phone: u.phone,
          sort: existing?.sort ?? q.nextUnitSort(ctx.db),
        };
        if (!existing) {
          q.insertUnit(ctx.db, next);
          outcome.created++;
        } else if (
          existing.platform !== next.platform ||
          existing.kind !== next.kind ||
          existing.villageId !== next.villageId ||
          existing.phone !== next.phone
        ) {
          q.updateUnit(ctx.db, next);
          outcome.updated++;
        } else outcome.unchanged++;
      }
      if (outcome.created + outcome.updated > 0) {
        audit(ctx, { action: 'import', entity: 'unit', summary: { file: input.fileName, ...summary(outcome) } });
        ctx.publish({ topic: 'org.changed', payload: { entity: 'unit' } });
      }
      return outcome;
    })
    .immediate();
}
