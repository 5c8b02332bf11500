/**
 * Areas of interest: GeoJSON geometries (RFC 7946: longitude, latitude in degrees, WGS-84) with
 * an id and a name. Only the kinds the access search understands: points, polygons and
 * multipolygons (a polygon = an outer ring then holes; rings closed).
 */

export type Position = readonly [lonDeg: number, latDeg: number];
export type Ring = readonly Position[];
export type PolygonCoords = readonly Ring[];

export type AoiGeometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'Polygon'; readonly coordinates: PolygonCoords }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly PolygonCoords[] };

export interface Aoi {
  readonly id: string;
  readonly name: string;
  readonly geometry: AoiGeometry;
  /** Other properties of the source feature (layer, country, segment…). */
  readonly properties: Readonly<Record<string, unknown>>;
}

/** The polygons of an areal geometry (none for a point). */
export function polygonsOf(g: AoiGeometry): readonly PolygonCoords[] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}
