import { z } from 'zod';
import { AoiGeometry, IsoInstant, Nation, Releasability } from './common.js';

export const SatelliteOut = z
  .object({
    id: z.string(),
    catalogNumber: z.number().int(),
    name: z.string(),
    objectId: z.string(),
    latestEpoch: IsoInstant.nullable(),
    updatedAt: IsoInstant,
  })
  .meta({ id: 'Satellite' });

export const ElementSetOut = z
  .object({
    epoch: IsoInstant,
    line1: z.string(),
    line2: z.string(),
    name: z.string(),
    source: z.string(),
    importedAt: IsoInstant,
    importedBy: z.string().nullable(),
  })
  .meta({ id: 'ElementSet' });

export const SatelliteDetailOut = SatelliteOut.extend({ elementSet: ElementSetOut.nullable() });

export const ImportIssueOut = z.object({
  message: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  field: z.string().optional(),
});

export const CatalogFormat = z.enum(['tle', 'omm-json', 'omm-xml', 'omm-kvn']);

export const ImportOut = z.object({
  format: CatalogFormat,
  satellitesCreated: z.number().int(),
  elementSetsAdded: z.number().int(),
  duplicates: z.number().int(),
  errors: z.array(ImportIssueOut),
  warnings: z.array(ImportIssueOut),
});

export const ImportJsonBody = z.strictObject({
  format: CatalogFormat.optional().describe('default: detected from the text'),
  text: z.string().min(1),
  source: z.string().max(200).optional(),
});

export const ImportQuery = z.strictObject({
  source: z.string().max(200).optional(),
  format: CatalogFormat.optional().describe('default: detected from the text'),
});

export const StationOut = z
  .object({
    id: z.string(),
    name: z.string(),
    nation: Nation,
    latitudeDeg: z.number(),
    longitudeDeg: z.number(),
    altitudeM: z.number(),
    minElevationDeg: z.number(),
  })
  .meta({ id: 'Station' });

export const SensorOut = z
  .object({
    id: z.string(),
    satelliteId: z.string().nullable(),
    name: z.string(),
    type: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Sensor' });

export const AoiOut = z
  .object({
    id: z.string(),
    name: z.string(),
    geometry: AoiGeometry,
    ownerNation: Nation,
    releasability: Releasability,
    createdAt: IsoInstant,
  })
  .meta({ id: 'AreaOfInterest' });

export const NewAoiBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  geometry: AoiGeometry,
  releasability: Releasability,
});

export const PassesQuery = z.strictObject({
  station: z.string().min(1).max(100).describe('station id, e.g. bamako'),
  hours: z.coerce
    .number()
    .min(0.1)
    .max(240)
    .default(24)
    .describe('length of the window from `start`, hours'),
  start: IsoInstant.optional().describe('start of the window (default: now)'),
  satellite: z.string().max(100).optional().describe('only this satellite (id)'),
});

export const PassOut = z
  .object({
    stationId: z.string(),
    satelliteId: z.string(),
    catalogNumber: z.number().int(),
    satelliteName: z.string(),
    aos: IsoInstant,
    tca: IsoInstant,
    los: IsoInstant,
    maxElevationDeg: z.number(),
    aosAzimuthDeg: z.number(),
    losAzimuthDeg: z.number(),
    durationS: z.number(),
    flags: z.array(z.string()),
  })
  .meta({ id: 'Pass' });

export const PassesOut = z.object({
  station: z.string(),
  start: IsoInstant,
  end: IsoInstant,
  passes: z.array(PassOut),
});

export const AccessQuery = z.strictObject({
  aoi: z.string().min(1).max(100).optional().describe('a stored area of interest (id)'),
  area: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'a bundled area, as `sahelsat access --aoi`: AES, MLI, BFA, NER, a region (Gao, BF-12…), border:MLI-NER, town:NAME',
    ),
  bbox: z.string().max(200).optional().describe('a box: minLon,minLat,maxLon,maxLat (degrees)'),
  point: z.string().max(100).optional().describe('a point target: lat,lon (degrees)'),
  hours: z.coerce
    .number()
    .min(0.1)
    .max(168)
    .default(24)
    .describe('length of the window from `start`, hours (at most 7 days)'),
  start: IsoInstant.optional().describe('start of the window (default: now)'),
  satellite: z.string().max(100).optional().describe('only this satellite (id)'),
  sensorType: z.enum(['optical', 'sar']).optional().describe('only sensors of this type'),
  maxOffNadirDeg: z.coerce
    .number()
    .min(0)
    .max(80)
    .optional()
    .describe('largest off-nadir angle, degrees (narrows an agile sensor’s field of regard)'),
  minSunElevationDeg: z.coerce
    .number()
    .min(-90)
    .max(90)
    .optional()
    .describe('smallest sun elevation at the target, degrees (raises the sensor’s own limit)'),
});

export const AccessWindowOut = z
  .object({
    satelliteId: z.string(),
    catalogNumber: z.number().int(),
    satelliteName: z.string(),
    sensorId: z.string(),
    sensorType: z.string(),
    sensorKind: z.enum(['optical', 'sar', 'nadir']),
    start: IsoInstant,
    end: IsoInstant,
    best: IsoInstant.describe('time of the smallest off-nadir angle'),
    minOffNadirDeg: z.number(),
    incidenceDeg: z
      .number()
      .nullable()
      .describe('incidence at the target at `best` (point targets; null for areas)'),
    sunElevationDeg: z.number().describe('sun elevation at the best point at `best`'),
    direction: z.enum(['ascending', 'descending']),
    fieldOfRegardFraction: z.number().describe('fraction of the area reachable in the window'),
    swathFraction: z
      .number()
      .nullable()
      .describe('fraction one swath-wide acquisition covers (null: no swath known)'),
  })
  .meta({ id: 'AccessWindow' });

export const AccessOut = z.object({
  area: z.object({
    kind: z.enum(['aoi', 'area', 'bbox', 'point']),
    id: z.string(),
    name: z.string(),
  }),
  start: IsoInstant,
  end: IsoInstant,
  windows: z.array(AccessWindowOut),
});
