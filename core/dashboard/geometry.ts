import type { VillageGeometry } from '../../common/contract';

type Ring = [number, number][];

/** Signed area and area-weighted centre of one ring (shoelace formula, in degrees — fine at village scale). */
function ringCentre(ring: Ring): { area: number; lng: number; lat: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  area /= 2;
  if (Math.abs(area) < 1e-12) {
    // A degenerate ring (all points on a line): the mean of its points.
    const n = ring.length;
    return { area: 0, lng: ring.reduce((s, p) => s + p[0], 0) / n, lat: ring.reduce((s, p) => s + p[1], 0) / n };
  }
  return { area: Math.abs(area), lng: cx / (6 * area), lat: cy / (6 * area) };
}

/**
 * Where a village's events without coordinates are drawn: the centre of its
 * largest outer ring, so an island or an enclave does not pull it out of the village.
 */
export function geometryCentre(geometry: VillageGeometry): { lng: number; lat: number } {
  const outers = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).map(
    (polygon) => polygon[0] as Ring,
  );
  const centres = outers.map(ringCentre);
  const largest = centres.reduce((best, c) => (c.area > best.area ? c : best), centres[0]!);
  return { lng: largest.lng, lat: largest.lat };
}

/**
 * A small, stable offset so the events of one village centre do not cover each
 * other or the village's name drawn there: a ring around the centre, and the
 * same event always lands on the same spot.
 */
export function scatter(id: string, innerDeg = 0.0065, outerDeg = 0.0115): { dLng: number; dLat: number } {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  const angle = ((h >>> 0) % 3600) * (Math.PI / 1800);
  const distance = innerDeg + (outerDeg - innerDeg) * Math.sqrt((((h >>> 12) & 0xfff) + 1) / 4096);
  return { dLng: Math.cos(angle) * distance, dLat: Math.sin(angle) * distance * 0.85 };
}
