/**
 * Test support for the query-plan tests: a small township with a few events,
 * written through the real query functions. Not used by production code.
 */
import type { Db } from './open';
import { appendAudit } from './queries/audit';
import { prepareBulkWriter } from './queries/bulk';
import { insertGrid, insertUnit, insertVillage, upsertTownship } from './queries/org';
import { insertCategory } from './queries/reference';
import { insertSession } from './queries/auth';
import { insertUser } from './queries/users';

export const PLAN_SEED = {
  villageId: 'v1',
  gridId: 'g1',
  gridName: '一网格',
  unitId: 'u1',
  userId: 'user1',
  username: 'handler',
  categoryIds: ['c1', 'c1a'] as string[],
  eventId: 'e1',
  now: Date.UTC(2026, 5, 1),
};

export function seedPlanDatabase(db: Db): void {
  const s = PLAN_SEED;
  const at = s.now - 86_400_000;
  db.transaction(() => {
    upsertTownship(db, { id: 't', name: '青石镇', code: 'QSZ', countyName: '某县' });
    insertVillage(db, { id: s.villageId, name: '东村', kind: 'village', sort: 1 });
    insertGrid(db, { id: s.gridId, villageId: s.villageId, name: s.gridName, workerName: '王五', workerPhone: null });
    insertUnit(db, {
      id: s.unitId,
      name: '综合行政执法队',
      platform: 'comprehensive_enforcement',
      kind: 'department',
      villageId: null,
      phone: null,
      sort: 1,
    });
    insertCategory(db, { id: 'c1', parentId: null, code: 'sanitation', name: '环境卫生', sort: 1 });
    insertCategory(db, { id: 'c1a', parentId: 'c1', code: 'sanitation.garbage', name: '垃圾堆放', sort: 1 });
    insertUser(db, {
      id: s.userId,
      username: s.username,
      displayName: '李四',
      role: 'unit_handler',
      unitId: s.unitId,
      passwordHash: 'x',
      mustChangePassword: false,
      disabled: false,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: at,
      updatedAt: at,
    });
    insertSession(db, { id: 's1', userId: s.userId, at, resumeHash: 'h1', connectionId: 'c1' });
    const write = prepareBulkWriter(db);
    for (let i = 1; i <= 20; i += 1) {
      const id = i === 1 ? s.eventId : `e${i}`;
      const reportedAt = at + i * 60_000;
      const closed = i % 4 === 0;
      write({
        event: {
          id,
          serial: `20260601${String(i).padStart(4, '0')}`,
          title: `事件 ${i}`,
          description: '村口桥头消防通道堆放杂物',
          categoryId: i % 2 === 0 ? 'c1' : 'c1a',
          requestType: 'request',
          source: 'grid_report',
          priority: 'normal',
          riskColour: i % 5 === 0 ? 'red' : 'green',
          villageId: s.villageId,
          gridId: s.gridId,
          address: '',
          lat: null,
          lng: null,
          reporterName: null,
          reporterPhone: null,
          reportedAt,
          state: closed ? 'closed' : 'in_progress',
          leadUnitId: s.unitId,
          dispatchedAt: reportedAt,
          signDueAt: reportedAt + 3_600_000,
          handleDueAt: reportedAt + 86_400_000,
          warning: i % 3 === 0 ? 2 : 0,
          yellowAt: reportedAt + 43_200_000,
          redAt: reportedAt + 86_400_000,
          resolvedLevel: closed ? 'township' : null,
          satisfaction: null,
          mergedInto: null,
          countyRef: null,
          owner: 'township',
          returnCount: 0,
          reworkCount: 0,
          closedAt: closed ? reportedAt + 3_600_000 : null,
          createdBy: s.userId,
          createdAt: reportedAt,
          updatedAt: reportedAt,
        },
        units: [
          {
            eventId: id,
            unitId: s.unitId,
            role: 'lead',
            state: 'signed',
            instructions: '',
            dispatchedAt: reportedAt,
            signDueAt: reportedAt + 3_600_000,
            handleDueAt: reportedAt + 86_400_000,
            signedAt: reportedAt + 60_000,
            feedbackAt: null,
            returnedAt: null,
            warning: 0,
          },
        ],
        actions: [
          {
            id: `a${i}`,
            eventId: id,
            kind: 'register',
            fromState: null,
            toState: 'registered',
            actorId: s.userId,
            actorName: '李四',
            actorRole: 'operator',
            unitId: null,
            note: '',
            payload: '{}',
            at: reportedAt,
          },
        ],
        searchText: '村口桥头消防通道堆放杂物',
        searchBigrams: '村口 口桥 桥头',
      });
      appendAudit(db, {
        at: reportedAt,
        actorId: s.userId,
        actorName: '李四',
        role: 'operator',
        action: 'register',
        entity: 'event',
        entityId: id,
        summary: '{}',
      });
    }
  })();
}
