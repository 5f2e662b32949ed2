import type { Db } from '../../db';
import { appendAudit } from '../../db/queries/audit';
import { insertGrid, insertUnit, insertVillage, isEmptyDirectory, upsertTownship } from '../../db/queries/org';
import { markDemoTownship } from '../../db/queries/setup';
import { insertUser } from '../../db/queries/users';
import { hashPassword } from '../auth/password';
import { newId } from '../context';
import { seedDemoRouting } from '../events/reference-seed';
import { seedDemoEvents } from './demo-events';
import { seedDemoCampaigns } from './demo-campaigns';
import { seedDemoSupervision } from './demo-supervision';
import { seedDemoWorkbench } from './demo-workbench';
import { seedDemoReviews } from './demo-reviews';
import {
  DEMO_PASSWORD,
  DEMO_TOWNSHIP,
  DEMO_UNITS,
  DEMO_USERS,
  DEMO_VILLAGES,
  demoGridName,
  demoGridWorker,
  GRIDS_PER_VILLAGE,
} from './demo-township';

/** About four months of a township's work: every queue view has content. */
export const DEMO_EVENT_COUNT = 3000;

export interface SeedReport {
  villages: number;
  grids: number;
  units: number;
  events: number;
  users: { username: string; role: string }[];
}

/**
 * Fills an empty database with the demo township, in one transaction with its
 * audit row. Does nothing (returns null) when a township or a user exists.
 */
export function seedDemoTownship(db: Db, now: number, demoEvents = DEMO_EVENT_COUNT): SeedReport | null {
  return db
    .transaction((): SeedReport | null => {
      if (!isEmptyDirectory(db)) return null;
      upsertTownship(db, { id: newId(), ...DEMO_TOWNSHIP });
      markDemoTownship(db);
      let grids = 0;
      DEMO_VILLAGES.forEach((v, villageIndex) => {
        const villageId = newId();
        insertVillage(db, { id: villageId, name: v.name, kind: v.kind, sort: villageIndex + 1 });
        for (let g = 0; g < GRIDS_PER_VILLAGE; g++) {
          const worker = demoGridWorker(villageIndex, g);
          insertGrid(db, { id: newId(), villageId, name: demoGridName(g), workerName: worker.name, workerPhone: worker.phone });
          grids++;
        }
      });
      const unitIds = new Map<string, string>();
      DEMO_UNITS.forEach((u, index) => {
        const id = newId();
        unitIds.set(u.name, id);
        insertUnit(db, {
          id,
          name: u.name,
          platform: u.platform,
          kind: 'department',
          villageId: null,
          phone: u.phone,
          sort: index + 1,
        });
      });
      seedDemoRouting(db);
      const passwordHash = hashPassword(DEMO_PASSWORD);
      for (const u of DEMO_USERS) {
        insertUser(db, {
          id: newId(),
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          unitId: u.unit ? unitIds.get(u.unit)! : null,
          passwordHash,
          mustChangePassword: false,
          disabled: false,
          failedLogins: 0,
          lockedUntil: null,
          lastLoginAt: null,
          createdAt: now,
          updatedAt: now,
        });
      }
      const events = demoEvents > 0 ? seedDemoEvents(db, now, demoEvents) : 0;
      // The 平安建设 workbench's examples come with the demo's events, not in the bare test township.
      if (demoEvents > 0) {
        seedDemoWorkbench(db, now);
        seedDemoCampaigns(db, now);
        seedDemoSupervision(db, now);
        seedDemoReviews(db, now);
      }
      const report: SeedReport = {
        villages: DEMO_VILLAGES.length,
        grids,
        units: DEMO_UNITS.length,
        events,
        users: DEMO_USERS.map((u) => ({ username: u.username, role: u.role })),
      };
      appendAudit(db, {
        at: now,
        actorId: null,
        actorName: 'system',
        role: null,
        action: 'seed_demo',
        entity: 'township',
        entityId: null,
        summary: JSON.stringify({
          township: DEMO_TOWNSHIP.name,
          villages: report.villages,
          grids,
          units: report.units,
          users: report.users.length,
        }),
      });
      return report;
    })
    .immediate();
}
