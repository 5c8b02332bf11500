/**
 * The data bundled with Sahelsat in data/: the national ground stations and the demo
 * constellation (designed orbits, built into element sets at load time; each imaging satellite
 * names its sensor in data/sensors.json, read by io/sensors.ts). Schemas in docs/data.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseIsoUtc } from '../core/time.js';
import { type OrbitDesign, buildElementSet } from '../orbit/builder.js';
import type { ElementSet } from '../orbit/element-set.js';
import type { GroundStation } from '../passes/station.js';
import { parseJsonWith } from './validate-json.js';

/** Absolute path of a file in the bundled data directory. */
export function bundledDataPath(name: string): string {
  return fileURLToPath(new URL(`../../data/${name}`, import.meta.url));
}

const horizonPoint = z.object({
  azimuthDeg: z.number().min(0).max(360),
  elevationDeg: z.number().min(-5).max(90),
});

export const stationSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  nation: z.enum(['ML', 'BF', 'NE', 'AES', '']),
  latitudeDeg: z.number().min(-90).max(90),
  longitudeDeg: z.number().min(-180).max(180),
  altitudeM: z.number().min(-500).max(9000),
  minElevationDeg: z.number().min(-5).max(90),
  horizonMask: z.array(horizonPoint).optional(),
});

const stationsFile = z.object({ stations: z.array(stationSchema).min(1) });

/** Parses a stations file (the bundled one or a user's, same schema). */
export function parseStations(text: string, fileName: string): GroundStation[] {
  return parseJsonWith(stationsFile, text, fileName).stations;
}

/** The three national ground stations. */
export function loadBundledStations(): GroundStation[] {
  const p = bundledDataPath('stations.json');
  return parseStations(readFileSync(p, 'utf8'), p);
}

const identity = { bstar: z.number().optional(), objectId: z.string().optional() };
const designSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('sun-synchronous'),
    altitudeKm: z.number().positive(),
    ltanHours: z.number().min(0).lt(24),
    eccentricity: z.number().min(0).lt(1).optional(),
    argPerigeeDeg: z.number().optional(),
    argumentOfLatitudeDeg: z.number().optional(),
    ...identity,
  }),
  z.object({
    kind: z.literal('geostationary'),
    longitudeDeg: z.number().min(-180).max(180),
    inclinationDeg: z.number().min(0).max(20).optional(),
    ...identity,
  }),
  z.object({
    kind: z.literal('keplerian'),
    semiMajorAxisKm: z.number().positive().optional(),
    altitudeKm: z.number().positive().optional(),
    eccentricity: z.number().min(0).lt(1),
    inclinationDeg: z.number().min(0).max(180),
    raanDeg: z.number(),
    argPerigeeDeg: z.number(),
    meanAnomalyDeg: z.number(),
    ...identity,
  }),
]);

const constellationFile = z.object({
  epoch: z.string(),
  satellites: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        name: z.string().min(1),
        catalogNumber: z.number().int().min(0).max(339_999),
        role: z.enum(['optical', 'sar', 'telecom', 'other']),
        /** Id of the satellite's imaging sensor in data/sensors.json. */
        sensor: z.string().optional(),
        design: designSchema,
      }),
    )
    .min(1),
});

/** A satellite of a designed constellation, with its element set. */
export interface DesignedSatellite {
  readonly id: string;
  readonly role: 'optical' | 'sar' | 'telecom' | 'other';
  /** Id of its imaging sensor in data/sensors.json, when it has one. */
  readonly sensorId?: string;
  readonly design: OrbitDesign;
  readonly elements: ElementSet;
}

/** Parses a constellation design file and builds every satellite's element set at its epoch. */
export function parseConstellation(
  text: string,
  fileName: string,
  options: { readonly epochMs?: number } = {},
): DesignedSatellite[] {
  const file = parseJsonWith(constellationFile, text, fileName);
  // The file's epoch, unless the caller builds the designed orbits at another one (the server
  // seeds them at the start of the current day, so that a fresh demo can be planned at once).
  const epochMs = options.epochMs ?? parseIsoUtc(file.epoch, `${fileName}: epoch`);
  return file.satellites.map((s) => {
    const design = { ...s.design, name: s.name, catalogNumber: s.catalogNumber } as OrbitDesign;
    return {
      id: s.id,
      role: s.role,
      ...(s.sensor !== undefined ? { sensorId: s.sensor } : {}),
      design,
      elements: buildElementSet(design, epochMs),
    };
  });
}

/** The demo constellation (two optical, one radar, one geostationary telecom satellite). */
export function loadDemoConstellation(): DesignedSatellite[] {
  const p = bundledDataPath('constellation.json');
  return parseConstellation(readFileSync(p, 'utf8'), p);
}
