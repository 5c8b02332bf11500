/**
 * The coordinate reference systems we know, as proj4 definitions keyed by EPSG code: WGS-84
 * longitude/latitude (4326), the WGS-84 UTM zones used by Sentinel-2 tiles and Landsat scenes
 * (32601–32660 north, 32701–32760 south), Web Mercator (3857), and the polar stereographic and
 * European grids some Landsat/Copernicus products use (3031, 3413, 3035). Anything else is an
 * "unknown CRS" error that names the file, rather than a silently misplaced product.
 */
import proj4 from 'proj4';
import { ValidationError } from '../../core/errors.js';

const FIXED: Readonly<Record<number, string>> = {
  4326: '+proj=longlat +datum=WGS84 +no_defs',
  4269: '+proj=longlat +datum=NAD83 +no_defs',
  3857: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  3031: '+proj=stere +lat_0=-90 +lat_ts=-71 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
  3413: '+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
  3035: '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
};

/** The proj4 definition of an EPSG code, or undefined when we do not know it. */
export function crsDefinition(epsg: number): string | undefined {
  const fixed = FIXED[epsg];
  if (fixed) return fixed;
  if (epsg >= 32601 && epsg <= 32660)
    return `+proj=utm +zone=${epsg - 32600} +datum=WGS84 +units=m +no_defs`;
  if (epsg >= 32701 && epsg <= 32760)
    return `+proj=utm +zone=${epsg - 32700} +south +datum=WGS84 +units=m +no_defs`;
  return undefined;
}

/** True for CRSs whose coordinates are longitude/latitude degrees. */
export function isGeographic(epsg: number): boolean {
  return epsg === 4326 || epsg === 4269;
}

/** A coordinate transform from one CRS to another, on `[x, y]` pairs. */
export type CoordinateTransform = (x: number, y: number) => [number, number];

/**
 * Transform from the CRS `fromEpsg` to WGS-84 longitude/latitude degrees.
 * @throws ValidationError (code `unknown-crs`) when the EPSG code is not in the registry.
 */
export function toLonLatTransform(fromEpsg: number, file?: string): CoordinateTransform {
  if (fromEpsg === 4326) return (x, y) => [x, y];
  const def = requireDefinition(fromEpsg, file);
  const conv = proj4(def, FIXED[4326]!);
  return (x, y) => {
    const p = conv.forward([x, y]);
    return [p[0]!, p[1]!];
  };
}

/** Transform from WGS-84 longitude/latitude to the CRS `toEpsg`. */
export function fromLonLatTransform(toEpsg: number, file?: string): CoordinateTransform {
  if (toEpsg === 4326) return (x, y) => [x, y];
  const def = requireDefinition(toEpsg, file);
  const conv = proj4(FIXED[4326]!, def);
  return (x, y) => {
    const p = conv.forward([x, y]);
    return [p[0]!, p[1]!];
  };
}

function requireDefinition(epsg: number, file: string | undefined): string {
  const def = crsDefinition(epsg);
  if (!def)
    throw new ValidationError(`unknown CRS EPSG:${epsg}`, {
      location: file !== undefined ? { file } : {},
      expected: 'EPSG 4326, 4269, 3857, 3031, 3413, 3035 or a WGS-84 UTM zone (326xx/327xx)',
      received: `EPSG:${epsg}`,
      code: 'unknown-crs',
    });
  return def;
}
