/** Test support for reference data. Not used by production code. */
import type { Db } from './open';
import { sql } from './statements';

/** Marks a deadline rule as the county's (县级下发), as the sync applier leaves it. */
export function markDeadlineRuleCounty(db: Db, categoryId: string, priority: string): void {
  sql(db, "UPDATE deadline_rules SET source = 'county' WHERE category_id = ? AND priority = ?").run(categoryId, priority);
}
