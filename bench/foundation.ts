import { startTestCore } from '../core/testing/core';
import { compare, report, type Row } from './harness';

/**
 * The cost of the contract road (dispatcher: session, role, zod, service,
 * row mapping) over the same reads as raw SQL on the same database.
 */
export async function benchFoundation(): Promise<void> {
  const core = startTestCore();
  try {
    const admin = await core.signIn('admin');
    const villages = core.db.prepare('SELECT id, name, kind, sort FROM villages ORDER BY sort, name');
    const grids = core.db.prepare('SELECT * FROM grids ORDER BY village_id, name');
    const units = core.db.prepare('SELECT * FROM units ORDER BY sort, name');
    const township = core.db.prepare('SELECT * FROM township');
    const auditPage = core.db.prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 101');
    for (let i = 0; i < 2000; i++) await admin.call('org.updateTownship', { name: i % 2 ? '清溪镇' : '清溪街道' });

    const rows: Row[] = [];
    rows.push(
      await compare(
        'org.directory (12 villages, 48 grids, 14 units)',
        () => admin.call('org.directory', {}),
        () => [township.get(), villages.all(), grids.all(), units.all()],
        { runs: 400 },
      ),
    );
    rows.push(
      await compare(
        'audit.list page of 100 (2,000+ rows)',
        () => admin.call('audit.list', { limit: 100 }),
        () => auditPage.all(Number.MAX_SAFE_INTEGER),
        {
          runs: 400,
        },
      ),
    );
    rows.push(
      await compare(
        'org.updateTownship (write + audit in one transaction)',
        () => admin.call('org.updateTownship', { name: '清溪镇' }),
        () => core.db.transaction(() => core.db.prepare("UPDATE township SET name = '清溪镇'").run())(),
        { runs: 200 },
      ),
    );
    report('foundation', rows);
  } finally {
    core.stop();
  }
}
