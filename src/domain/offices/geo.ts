/** Mean Earth radius (IUGG), in kilometres. */
const EARTH_RADIUS_KM = 6371.0088;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** A point prepared for repeated great-circle distance computations. */
export interface GeoPoint {
  latRad: number;
  lonRad: number;
  cosLat: number;
}

export function geoPoint(lat: number, lon: number): GeoPoint {
  const latRad = toRadians(lat);
  return { latRad, lonRad: toRadians(lon), cosLat: Math.cos(latRad) };
}

/** Great-circle (haversine) distance between two points, in kilometres. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const sinHalfLat = Math.sin((b.latRad - a.latRad) / 2);
  const sinHalfLon = Math.sin((b.lonRad - a.lonRad) / 2);
  const h = sinHalfLat * sinHalfLat + a.cosLat * b.cosLat * sinHalfLon * sinHalfLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
