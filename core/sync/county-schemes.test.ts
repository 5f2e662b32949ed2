import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSyncState } from '../../db/queries/sync';
import { countyInboxCount } from '../../db/testing-sync';
import { errorCode, expectOk } from '../testing/core';
import { sampleMessage } from '../testing/sync/samples';
import { startTestCounty, startTestTownship, waitFor, type TestTownship } from '../testing/sync/harness';

// County schemes (县级方案): reference_data of kind scheme, through the real county, becomes a
// read-only assessment scheme for its periods; a bad one is stored as rejected and the loop goes on.

let county: Awaited<ReturnType<typeof startTestCounty>>;
let township: TestTownship;
const T = 'QX-SCHEME';

beforeAll(async () => {
  county = await startTestCounty();
  const token = await county.store.addTownship(T, '清溪镇');
  township = startTestTownship({ sync: { county: { url: county.url, townshipId: T, token } } });
  await waitFor(() => township.app.sync.client.connected, 10_000, 'the link');
});
afterAll(async () => {
  township.stop();
  await county.close();
  county.remove();
});

const caughtUp = async () => getSyncState(township.app.db).appliedOffset === (await county.store.township(T))!.lastOffset;
const SCHEME = {
  id: 'qx-2026-q3',
  name: '2026年三季度乡镇考核（县定）',
  periodKind: 'quarter',
  unitKinds: 'all',
  periods: ['2026-Q3'],
  indicators: [
    { key: 'sign_on_time', kind: 'rate', weight: 60, target: 0.95, floor: 0.6 },
    { key: 'closure', kind: 'rate', weight: 40, target: 0.9, floor: 0.5 },
  ],
  note: '县社会治理中心统一下发',
};

describe('county schemes', () => {
  it('become read-only 县级方案 schemes, used for their periods only', async () => {
    await county.store.append(T, 'reference_data', { kind: 'scheme', version: 1, items: [SCHEME] });
    await waitFor(caughtUp, 10_000, 'the scheme');
    const assessor = await township.signIn('assessor');
    const { schemes } = expectOk<'assessment.schemes'>(await assessor.call('assessment.schemes', {}));
    const scheme = schemes.find((s) => s.source === 'county')!;
    expect(scheme).toMatchObject({
      code: 'county:qx-2026-q3',
      version: 1,
      name: SCHEME.name,
      periodKind: 'quarter',
      unitKinds: 'all',
      periods: ['2026-Q3'],
      note: SCHEME.note,
      indicators: SCHEME.indicators,
    });
    expect(schemes.filter((s) => s.code === 'quarterly').every((s) => s.source === 'township' && s.periods === null)).toBe(true);

    // Read-only here: a new version of it is the county's to send (its code is not even one the township may name).
    const edit = await assessor.call('assessment.saveScheme', {
      code: scheme.code,
      name: '改名',
      periodKind: 'quarter',
      unitKinds: 'all',
      indicators: SCHEME.indicators,
      note: '',
    });
    expect(errorCode(edit)).toBe('BAD_INPUT');
    const again = expectOk<'assessment.schemes'>(await assessor.call('assessment.schemes', {}));
    expect(again.schemes.filter((s) => s.code === scheme.code).map((s) => s.version)).toEqual([1]);

    // For its periods: 2026-Q3 computes with it, 2026-Q2 does not.
    expect(errorCode(await assessor.call('assessment.compute', { schemeId: scheme.id, period: '2026-Q2' }))).toBe('BAD_INPUT');
    const run = expectOk<'assessment.compute'>(
      await assessor.call('assessment.compute', { schemeId: scheme.id, period: '2026-Q3' }),
    );
    expect(run).toMatchObject({ state: 'computed', schemeCode: 'county:qx-2026-q3', revision: 1 });

    // The same scheme again adds nothing; a changed one adds a version, the run keeps its own.
    await county.store.append(T, 'reference_data', { kind: 'scheme', version: 2, items: [SCHEME] });
    await county.store.append(T, 'reference_data', {
      kind: 'scheme',
      version: 3,
      items: [{ ...SCHEME, periods: ['2026-Q3', '2026-Q4'], name: '2026年下半年乡镇考核（县定）' }],
    });
    await waitFor(caughtUp, 10_000, 'the new versions');
    const after = expectOk<'assessment.schemes'>(await assessor.call('assessment.schemes', {})).schemes.filter(
      (s) => s.code === scheme.code,
    );
    expect(after.map((s) => [s.version, s.name, s.periods])).toEqual([
      [2, '2026年下半年乡镇考核（县定）', ['2026-Q3', '2026-Q4']],
      [1, SCHEME.name, ['2026-Q3']],
    ]);
  });

  it('stores a bad scheme as rejected, changes nothing, and goes on with the next message', async () => {
    const assessor = await township.signIn('assessor');
    const before = expectOk<'assessment.schemes'>(await assessor.call('assessment.schemes', {})).schemes.length;
    const rejectedBefore = countyInboxCount(township.app.db, 'rejected');
    const bad = [
      // Weights that add up to zero.
      { ...SCHEME, id: 'zero', indicators: [{ key: 'closure', kind: 'rate', weight: 0, target: 0.9, floor: 0.5 }] },
      // A month in a quarterly scheme.
      { ...SCHEME, id: 'month', periods: ['2026-11'] },
      // An indicator the township does not know.
      { ...SCHEME, id: 'unknown', indicators: [{ key: 'bribes', kind: 'rate', weight: 10, target: 0.9, floor: 0.5 }] },
      // No id.
      { ...SCHEME, id: undefined },
    ];
    for (const [i, item] of bad.entries())
      await county.store.append(T, 'reference_data', { kind: 'scheme', version: 10 + i, items: [item] });
    // Alongside a good scheme in the same message, a bad one rejects the message as a whole.
    await county.store.append(T, 'reference_data', {
      kind: 'scheme',
      version: 20,
      items: [{ ...SCHEME, id: 'good-too' }, bad[0]],
    });
    await county.store.append(T, 'notice', sampleMessage('notice', 77));
    await waitFor(caughtUp, 10_000, 'the bad schemes and the notice');
    expect(countyInboxCount(township.app.db, 'rejected')).toBe(rejectedBefore + bad.length + 1);
    expect(expectOk<'assessment.schemes'>(await assessor.call('assessment.schemes', {})).schemes.length).toBe(before);
    expect(countyInboxCount(township.app.db, 'applied', (await county.store.township(T))!.lastOffset - 1)).toBe(1);
  });
});
