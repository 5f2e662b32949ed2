import type { RecoveryDeps } from './recovery';

/** Applies a record the county gave back (a restored backup lost it) to the local database. */
export function applyRecoveredRecord(
  _deps: RecoveryDeps,
  _entity: string,
  _entityId: string,
  _data: Record<string, unknown> | null,
): void {
  // TODO(issue 14): records back into the local tables.
}
