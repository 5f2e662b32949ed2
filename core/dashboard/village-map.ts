import type { OutputOf, ParsedInputOf, VillageGeometry } from '../../common/contract';
import { VillageMapFile } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { Db } from '../../db';
import { listVillageCentres, listVillageShapes, replaceVillageShapes } from '../../db/queries/dashboard';
import { listVillages } from '../../db/queries/org';
import { audit, requireActor, type ServiceContext } from '../context';
import demoMap from '../demo/qingxi-villages.geo.json';
import { geometryCentre } from './geometry';

type VillageMap = OutputOf<'dashboard.map'>;

interface Shape {
  villageId: string;
  name: string;
  geometry: VillageGeometry;
  lng: number;
  lat: number;
}

/** The bundled demo outlines, matched to the villages by name (the demo township ships with them). */
function demoShapes(db: Db): Shape[] {
  const parsed = VillageMapFile.parse(demoMap);
  const byName = new Map(parsed.features.map((f) => [f.properties.name, f.geometry]));
  return listVillages(db).flatMap((v) => {
    const geometry = byName.get(v.name);
    return geometry ? [{ villageId: v.id, name: v.name, geometry, ...geometryCentre(geometry) }] : [];
  });
}

let demoCentres: Map<string, { lng: number; lat: number }> | undefined;

/** Village id → the point where its events without coordinates are drawn; no geometry is parsed for imported maps. */
export function villageCentres(db: Db): Map<string, { lng: number; lat: number }> {
  const stored = listVillageCentres(db);
  if (stored.length > 0) return new Map(stored.map((s) => [s.villageId, { lng: s.lng, lat: s.lat }]));
  demoCentres ??= new Map(VillageMapFile.parse(demoMap).features.map((f) => [f.properties.name, geometryCentre(f.geometry)]));
  const centres = new Map<string, { lng: number; lat: number }>();
  for (const v of listVillages(db)) {
    const centre = demoCentres.get(v.name);
    if (centre) centres.set(v.id, centre);
  }
  return centres;
}

/** The villages' outlines: the admin's import, else the demo map when its names fit, else none. */
export function villageShapes(db: Db): { shapes: Shape[]; source: VillageMap['source']; importedAt: number | null } {
  const stored = listVillageShapes(db);
  if (stored.length > 0) {
    const names = new Map(listVillages(db).map((v) => [v.id, v.name]));
    return {
      shapes: stored.map((s) => ({
        villageId: s.villageId,
        name: names.get(s.villageId) ?? '',
        geometry: JSON.parse(s.geometry) as VillageGeometry,
        lng: s.centreLng,
        lat: s.centreLat,
      })),
      source: 'imported',
      importedAt: Math.max(...stored.map((s) => s.importedAt)),
    };
  }
  const demo = demoShapes(db);
  return { shapes: demo, source: demo.length > 0 ? 'demo' : 'none', importedAt: null };
}

export function villageMap(ctx: ServiceContext): VillageMap {
  const { shapes, source, importedAt } = villageShapes(ctx.db);
  return {
    geoJson: {
      type: 'FeatureCollection',
      features: shapes.map((s) => ({
        type: 'Feature',
        properties: { name: s.name, villageId: s.villageId },
        geometry: s.geometry,
      })),
    },
    villages: shapes.map((s) => ({ villageId: s.villageId, name: s.name, lng: s.lng, lat: s.lat })),
    source,
    importedAt,
  };
}

const MAX_LISTED = 20;

function invalid(message: string, issues: { path: string; message: string }[]): AppError {
  return new AppError('GEOJSON_INVALID', message, issues.slice(0, MAX_LISTED));
}

/**
 * Replaces every village outline with the file's, or changes nothing: a file
 * that is not JSON, not a FeatureCollection of (Multi)Polygons, or names a
 * village twice or one that does not exist is refused with every problem listed.
 */
export function importVillageMap(
  ctx: ServiceContext,
  input: ParsedInputOf<'dashboard.importMap'>,
): OutputOf<'dashboard.importMap'> {
  requireActor(ctx);
  let json: unknown;
  try {
    json = JSON.parse(input.text.replace(/^\uFEFF/, ''));
  } catch {
    throw invalid(`"${input.fileName}" is not a JSON file; export the map as GeoJSON.`, []);
  }
  const parsed = VillageMapFile.safeParse(json);
  if (!parsed.success) {
    throw invalid(
      `"${input.fileName}" is not a GeoJSON FeatureCollection of village polygons with a "name" property on each feature.`,
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const villages = listVillages(ctx.db);
  const byName = new Map(villages.map((v) => [v.name, v.id]));
  const seen = new Set<string>();
  const issues: { path: string; message: string }[] = [];
  parsed.data.features.forEach((feature, index) => {
    const name = feature.properties.name;
    const path = `features.${index}.properties.name`;
    if (!byName.has(name)) issues.push({ path, message: `no village or community named "${name}"` });
    else if (seen.has(name)) issues.push({ path, message: `"${name}" appears more than once` });
    seen.add(name);
  });
  if (issues.length > 0) {
    throw invalid(
      `${issues.length} feature(s) of "${input.fileName}" do not match the villages in the org directory; fix the names and import again.`,
      issues,
    );
  }
  const importedAt = ctx.now();
  replaceVillageShapes(
    ctx.db,
    parsed.data.features.map((feature) => {
      const centre = geometryCentre(feature.geometry);
      return {
        villageId: byName.get(feature.properties.name)!,
        geometry: JSON.stringify(feature.geometry),
        centreLng: centre.lng,
        centreLat: centre.lat,
        importedAt,
      };
    }),
  );
  const unmatchedVillages = villages.filter((v) => !seen.has(v.name)).map((v) => v.name);
  audit(ctx, {
    action: 'import_map',
    entity: 'village_map',
    summary: { fileName: input.fileName, villages: seen.size, unmatchedVillages },
  });
  return { villages: seen.size, unmatchedVillages };
}
