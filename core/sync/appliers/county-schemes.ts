import type { z } from 'zod';
import type { SchemeItem } from '../../../common/protocol/reference';
import { insertCountyScheme, latestSchemeOfCode } from '../../../db/queries/sync-schemes';
import { Rejection, type ApplyContext } from '../apply-context';

/** The local code of a county scheme: never one the township's own schemes can take. */
export const countySchemeCode = (id: string) => `county:${id}`;

/**
 * County schemes (县级方案) become assessment schemes here, read-only: a
 * scheme the county changed adds a version of its family (runs keep the
 * version they were computed with), an unchanged one adds nothing. A scheme
 * the county no longer sends stays, as runs may name it.
 */
export function countySchemes(ctx: ApplyContext, items: z.infer<typeof SchemeItem>[]): void {
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new Rejection('INVALID', `scheme ${item.id} is sent twice`);
    ids.add(item.id);
    const code = countySchemeCode(item.id);
    const latest = latestSchemeOfCode(ctx.db, code);
    if (latest && latest.source !== 'county') throw new Rejection('INVALID', `scheme ${item.id}: its code is taken here`);
    const record = {
      name: item.name,
      periodKind: item.periodKind,
      unitKinds: item.unitKinds,
      indicators: JSON.stringify(item.indicators),
      note: item.note ?? '',
      periods: item.periods ? JSON.stringify([...item.periods].sort()) : null,
    };
    if (
      latest &&
      latest.name === record.name &&
      latest.periodKind === record.periodKind &&
      latest.unitKinds === record.unitKinds &&
      latest.indicators === record.indicators &&
      latest.note === record.note &&
      (latest.periods ?? null) === record.periods
    )
      continue;
    insertCountyScheme(ctx.db, { id: ctx.newId(), code, version: (latest?.version ?? 0) + 1, createdAt: ctx.now(), ...record });
  }
}
