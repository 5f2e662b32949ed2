import type { SchemeIndicator } from '../../common/assessment';
import type { Db } from '../../db';
import { countSchemes, insertScheme } from '../../db/queries/assessment';
import { newId } from '../context';

/** The default indicators: rates worth 80 points, deductions 20; weights add up to 100. */
export const DEFAULT_INDICATORS: SchemeIndicator[] = [
  { key: 'sign_on_time', kind: 'rate', weight: 10, target: 0.98, floor: 0.8 },
  { key: 'closed_on_time', kind: 'rate', weight: 20, target: 0.95, floor: 0.7 },
  { key: 'closure', kind: 'rate', weight: 15, target: 0.95, floor: 0.6 },
  { key: 'rework', kind: 'rate', weight: 10, target: 0.02, floor: 0.2 },
  { key: 'return', kind: 'rate', weight: 5, target: 0.02, floor: 0.2 },
  { key: 'extension', kind: 'rate', weight: 5, target: 0.05, floor: 0.3 },
  { key: 'satisfaction', kind: 'rate', weight: 15, target: 0.95, floor: 0.7 },
  { key: 'orders', kind: 'count', weight: 10, perItem: 2, cap: 10 },
  { key: 'orders_late', kind: 'count', weight: 5, perItem: 2.5, cap: 5 },
  { key: 'findings', kind: 'count', weight: 5, perItem: 1, cap: 5 },
];

export const DEFAULT_SCHEMES = [
  { code: 'quarterly', name: '承办单位季度考核', periodKind: 'quarter' as const },
  { code: 'monthly', name: '承办单位月度考核', periodKind: 'month' as const },
];

/** Like the reference data: seeded once into an empty table, never over the assessor's edits. */
export function seedAssessmentSchemes(db: Db, now: number): void {
  db.transaction(() => {
    if (countSchemes(db) > 0) return;
    for (const scheme of DEFAULT_SCHEMES) {
      insertScheme(db, {
        id: newId(),
        code: scheme.code,
        version: 1,
        name: scheme.name,
        periodKind: scheme.periodKind,
        unitKinds: 'all',
        indicators: JSON.stringify(DEFAULT_INDICATORS),
        note: '默认方案：指标满分合计 100 分，另加经主任审批的手工加减分，综合得分限定在 0–100 分。',
        createdBy: null,
        createdAt: now,
      });
    }
  })();
}
