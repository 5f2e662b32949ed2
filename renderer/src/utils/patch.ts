/**
 * The fields of `edited` whose value differs from `original`: update methods
 * take only what changed (and refuse a patch that changes nothing).
 */
export function changedFields<T extends object, K extends keyof T>(original: T, edited: Pick<T, K>): Partial<Pick<T, K>> {
  const changes: Partial<Pick<T, K>> = {};
  for (const key of Object.keys(edited) as K[]) {
    if (edited[key] !== original[key]) changes[key] = edited[key];
  }
  return changes;
}

export function isEmptyPatch(patch: object): boolean {
  return Object.keys(patch).length === 0;
}
