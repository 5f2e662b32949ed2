import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedAuditRows } from '../../db/testing';
import type { Connection } from '../app';
import demoMap from '../demo/qingxi-villages.geo.json';
import { databaseDigest, expectOk, startTestCore, type TestCore } from '../testing/core';
import { geometryCentre } from './geometry';

const file = (data: unknown) => ({ fileName: 'villages.geojson', text: JSON.stringify(data) });
const clone = () => JSON.parse(JSON.stringify(demoMap)) as typeof demoMap;

describe('village map import', () => {
  let core: TestCore;
  let admin: Connection;
  beforeAll(async () => {
    core = startTestCore();
    admin = await core.signIn('admin');
  }, 30_000);
  afterAll(() => core.stop());

  async function refused(input: { fileName: string; text: string }) {
    const before = databaseDigest(core.db);
    const result = await admin.call('dashboard.importMap', input);
    expect(databaseDigest(core.db)).toEqual(before);
    if (result.ok) throw new Error('expected the import to be refused');
    expect(result.error.code).toBe('GEOJSON_INVALID');
    return result.error;
  }

  it('ships the demo map: twelve villages, each centre inside its outline', async () => {
    const map = expectOk<'dashboard.map'>(await admin.call('dashboard.map', {}));
    expect(map.source).toBe('demo');
    expect(map.villages.map((v) => v.name).sort()).toHaveLength(12);
    for (const f of map.geoJson.features) {
      const ring = (f.geometry.coordinates as number[][][])[0]!;
      const [minLng, maxLng] = [Math.min(...ring.map((p) => p[0]!)), Math.max(...ring.map((p) => p[0]!))];
      const c = map.villages.find((v) => v.villageId === f.properties.villageId)!;
      expect(c.lng).toBeGreaterThan(minLng);
      expect(c.lng).toBeLessThan(maxLng);
    }
  });

  it('refuses a file that is not JSON, naming the problem, and changes nothing', async () => {
    const error = await refused({ fileName: 'map.geojson', text: '{"type": "FeatureCollection", ' });
    expect(error.message).toMatch(/not a JSON file/);
  });

  it('refuses points instead of polygons and lists where', async () => {
    const bad = clone() as unknown as { features: { geometry: unknown }[] };
    bad.features[3]!.geometry = { type: 'Point', coordinates: [120, 30] };
    const error = await refused(file(bad));
    expect(error.issues?.some((i) => i.path.startsWith('features.3.geometry'))).toBe(true);
  });

  it('lists every feature whose name matches no village, and a village named twice, importing nothing', async () => {
    const bad = clone();
    bad.features[0]!.properties.name = '不存在村';
    bad.features[5]!.properties.name = '无名社区';
    bad.features[7]!.properties.name = bad.features[8]!.properties.name;
    const error = await refused(file(bad));
    expect(error.issues).toEqual([
      { path: 'features.0.properties.name', message: 'no village or community named "不存在村"' },
      { path: 'features.5.properties.name', message: 'no village or community named "无名社区"' },
      { path: 'features.8.properties.name', message: `"${bad.features[8]!.properties.name}" appears more than once` },
    ]);
  });

  it('imports a good file in one go, reports villages left without an outline, and audits it', async () => {
    const good = clone();
    const dropped = good.features.pop()!.properties.name;
    const result = expectOk<'dashboard.importMap'>(await admin.call('dashboard.importMap', file(good)));
    expect(result).toEqual({ villages: 11, unmatchedVillages: [dropped] });
    const map = expectOk<'dashboard.map'>(await admin.call('dashboard.map', {}));
    expect(map.source).toBe('imported');
    expect(map.geoJson.features).toHaveLength(11);
    const first = map.villages.find((v) => v.name === good.features[0]!.properties.name)!;
    expect(first).toMatchObject(geometryCentre(good.features[0]!.geometry as never));
    expect(storedAuditRows(core.db).filter((r) => r.action === 'import_map')).toHaveLength(1);
  });

  it('is for the admin only', async () => {
    const operator = await core.signIn('operator');
    const result = await operator.call('dashboard.importMap', file(clone()));
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
  });
});
