import { competitionRanks, type SchemeIndicator } from '../../common/assessment';

/**
 * The arithmetic of a score, free of the database so that tests can check it
 * by hand.
 *
 * - A rate earns weight × clamp((rate − floor) / (target − floor), 0, 1). For
 *   "lower is better" rates the target is below the floor, and the same formula
 *   rewards going down. A rate with no cases (denominator 0) is not applicable:
 *   it earns nothing and its weight leaves the total, so a unit is neither
 *   rewarded nor punished for work it was never given.
 * - A count deduction earns weight − min(cap, count × perItem).
 * - The base score is 100 × earned / applicable weight; approved manual items
 *   are then added (bonus) or subtracted (deduction) and the composite is
 *   clamped to 0–100.
 */
export function indicatorPoints(
  setting: SchemeIndicator,
  numerator: number,
  denominator: number | null,
): { value: number | null; points: number | null } {
  if (setting.kind === 'count') {
    return { value: numerator, points: setting.weight - Math.min(setting.cap, numerator * setting.perItem) };
  }
  if (!denominator) return { value: null, points: null };
  const value = numerator / denominator;
  const share = Math.min(1, Math.max(0, (value - setting.floor) / (setting.target - setting.floor)));
  return { value, points: setting.weight * share };
}

export function baseScore(values: { points: number | null; weight: number }[]): number {
  const applicable = values.filter((v) => v.points !== null);
  const weight = applicable.reduce((sum, v) => sum + v.weight, 0);
  if (weight === 0) return 100;
  return (100 * applicable.reduce((sum, v) => sum + v.points!, 0)) / weight;
}

export function compositeScore(base: number, manual: number): number {
  return Math.min(100, Math.max(0, base + manual));
}

/** Two decimals, as shown and as ranked. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export { competitionRanks };
