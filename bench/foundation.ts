import { startTestCore } from '../core/testing/core';
import { foundationBaselines } from '../db/testing-bench';
import { compare, report, type Row } from './harness';

/**
 * The cost of the contract road (dispatcher: session, role, zod, service,
 * row mapping) over the same reads as raw SQL on the same database.
 */
export async function benchFoundation(): Promise<void> {
  const core = startTestCore();
  try {
    const admin = await core.signIn('admin');
    const raw = foundationBaselines(core.db);
    for (let i = 0; i < 2000; i++) await admin.call('org.updateTownship', { name: i % 2 ? '清溪镇' : '清溪街道' });

    const rows: Row[] = [];
    rows.push(
      await compare('org.directory (12 villages, 48 grids, 14 units)', () => admin.call('org.directory', {}), raw.directory, {
        runs: 400,
      }),
    );
    rows.push(
      await compare('audit.list page of 100 (2,000+ rows)', () => admin.call('audit.list', { limit: 100 }), raw.auditPage, {
        runs: 400,
      }),
    );
    rows.push(
      await compare(
        'org.updateTownship (write + audit in one transaction)',
        () => admin.call('org.updateTownship', { name: '清溪镇' }),
        raw.renameTownship,
        { runs: 200 },
      ),
    );
    report('foundation', rows);
  } finally {
    core.stop();
  }
}
