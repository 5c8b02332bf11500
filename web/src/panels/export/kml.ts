/**
 * A small KML 2.2 writer for GeoJSON (RFC 7946) feature collections: Point, LineString, Polygon
 * (outer and inner rings), their Multi* forms and GeometryCollection become Placemarks; the
 * feature's properties become ExtendedData. Coordinates stay longitude,latitude[,altitude] (KML
 * uses the same order and WGS-84).
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** Escapes the five XML special characters (text and attribute values). */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function coord(p: Position): string {
  const [lon, lat, alt] = p;
  if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new Error(`KML: invalid position ${JSON.stringify(p)}`);
  }
  return alt === undefined ? `${lon},${lat}` : `${lon},${lat},${alt}`;
}

const coords = (ps: readonly Position[]): string =>
  `<coordinates>${ps.map(coord).join(' ')}</coordinates>`;

function ring(tag: 'outerBoundaryIs' | 'innerBoundaryIs', ps: readonly Position[]): string {
  return `<${tag}><LinearRing>${coords(ps)}</LinearRing></${tag}>`;
}

function polygon(rings: readonly (readonly Position[])[]): string {
  const [outer, ...inner] = rings;
  if (!outer) throw new Error('KML: polygon without rings');
  return `<Polygon>${ring('outerBoundaryIs', outer)}${inner.map((r) => ring('innerBoundaryIs', r)).join('')}</Polygon>`;
}

/** The KML geometry element of one GeoJSON geometry. */
export function geometryToKml(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `<Point>${coords([g.coordinates])}</Point>`;
    case 'LineString':
      return `<LineString>${coords(g.coordinates)}</LineString>`;
    case 'Polygon':
      return polygon(g.coordinates);
    case 'MultiPoint':
      return `<MultiGeometry>${g.coordinates.map((c) => `<Point>${coords([c])}</Point>`).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${g.coordinates.map((c) => `<LineString>${coords(c)}</LineString>`).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${g.coordinates.map(polygon).join('')}</MultiGeometry>`;
    case 'GeometryCollection':
      return `<MultiGeometry>${g.geometries.map(geometryToKml).join('')}</MultiGeometry>`;
  }
}

function valueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function placemark(f: Feature): string {
  const props = f.properties ?? {};
  const name = props.name ?? props.title ?? f.id;
  const parts = ['<Placemark>'];
  if (name !== undefined && name !== null) parts.push(`<name>${xmlEscape(valueText(name))}</name>`);
  const entries = Object.entries(props).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length > 0) {
    parts.push('<ExtendedData>');
    for (const [k, v] of entries) {
      parts.push(`<Data name="${xmlEscape(k)}"><value>${xmlEscape(valueText(v))}</value></Data>`);
    }
    parts.push('</ExtendedData>');
  }
  if (f.geometry) parts.push(geometryToKml(f.geometry));
  parts.push('</Placemark>');
  return parts.join('');
}

/**
 * The KML document of a feature collection.
 * @throws Error naming the feature whose geometry is not valid.
 */
export function featureCollectionToKml(fc: FeatureCollection, name: string): string {
  const marks = fc.features.map((f, i) => {
    try {
      return placemark(f);
    } catch (err) {
      throw new Error(`feature ${i + 1}: ${(err as Error).message}`, { cause: err });
    }
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    `<Document><name>${xmlEscape(name)}</name>`,
    ...marks,
    '</Document>',
    '</kml>',
    '',
  ].join('\n');
}
