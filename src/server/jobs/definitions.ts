/**
 * Job types: what parameters they take (zod, checked when the job is created), who may start
 * them, how the main thread prepares the computation's input from the store, and how the
 * output becomes the job's result (inside the transaction that marks the job succeeded).
 * Planning, coverage and image-processing jobs plug in here as those modules land.
 */
import { z } from 'zod';
import { formatIsoUtc, parseIsoUtc } from '../../core/time.js';
import type { JobRecord, Repos, Store } from '../../store/index.js';
import { invalidField } from '../errors.js';
import type { Action } from '../policy.js';
import { IsoInstant } from '../schemas/common.js';
import { planningJob } from '../planning/job.js';
import type { EphemerisInput, EphemerisOutput, PassesInput, PassesOutput } from './computations.js';

export interface JobDefinition<P = unknown, I = unknown, O = unknown> {
  readonly params: z.ZodType<P>;
  readonly permission: Action;
  /** Checks references when the job is created (a missing satellite is a 400 now, not a failed job later). */
  check(store: Store, params: P): Promise<void>;
  /** Loads the computation's input (values only: it crosses to a worker thread). */
  prepare(store: Store, params: P, job: JobRecord): Promise<I>;
  /** Turns the output into the job's stored result; may write domain rows with `tx`. */
  commit(tx: Repos, job: JobRecord, output: O): Promise<unknown>;
}

const MAX_EPHEMERIS_POINTS = 100_000;

const PassesParams = z.strictObject({
  stations: z
    .array(z.string().min(1))
    .min(1)
    .max(50)
    .optional()
    .describe('station ids (default: all)'),
  satellites: z
    .array(z.string().min(1))
    .min(1)
    .max(20_000)
    .optional()
    .describe('satellite ids (default: all)'),
  start: IsoInstant,
  hours: z
    .number()
    .min(0.1)
    .max(24 * 31),
  minElevationDeg: z.number().min(-5).max(90).optional(),
});
type PassesParams = z.infer<typeof PassesParams>;

async function passesInput(store: Store, p: PassesParams): Promise<PassesInput> {
  const stations = (await store.catalogue.listStations()).filter(
    (s) => !p.stations || p.stations.includes(s.id),
  );
  const sets = (await store.catalogue.latestElementSets()).filter(
    (e) => !p.satellites || p.satellites.includes(e.satelliteId),
  );
  const startMs = parseIsoUtc(p.start, 'params.start');
  return {
    stations: stations.map((s) => ({
      id: s.id,
      name: s.name,
      nation: s.nation,
      latitudeDeg: s.latDeg,
      longitudeDeg: s.lonDeg,
      altitudeM: s.altM,
      minElevationDeg: s.minElevationDeg,
    })),
    elementSets: sets.map((e) => ({
      satelliteId: e.satelliteId,
      name: e.name,
      line1: e.line1,
      line2: e.line2,
    })),
    startMs,
    endMs: startMs + p.hours * 3600_000,
    ...(p.minElevationDeg !== undefined ? { minElevationDeg: p.minElevationDeg } : {}),
  };
}

const passes: JobDefinition<PassesParams, PassesInput, PassesOutput> = {
  params: PassesParams,
  permission: 'run jobs',
  async check(store, p) {
    const known = new Set((await store.catalogue.listStations()).map((s) => s.id));
    p.stations?.forEach((s, i) => {
      if (!known.has(s)) throw invalidField(`body.params.stations.${i}`, `no station "${s}"`);
    });
    if (p.satellites) {
      const sats = new Set((await store.catalogue.listSatellites()).map((s) => s.id));
      p.satellites.forEach((s, i) => {
        if (!sats.has(s)) throw invalidField(`body.params.satellites.${i}`, `no satellite "${s}"`);
      });
    }
  },
  prepare: passesInput,
  async commit(_tx, _job, out) {
    return {
      count: out.passes.length,
      passes: out.passes.map((x) => ({
        stationId: x.stationId,
        satelliteId: x.satelliteId,
        catalogNumber: x.catalogNumber,
        satelliteName: x.satelliteName,
        aos: formatIsoUtc(x.aosMs),
        tca: formatIsoUtc(x.tcaMs),
        los: formatIsoUtc(x.losMs),
        maxElevationDeg: x.maxElevationDeg,
        durationS: x.durationS,
        flags: x.flags,
      })),
      issues: out.issues,
    };
  },
};

const EphemerisParams = z
  .strictObject({
    satellite: z.string().min(1),
    start: IsoInstant,
    end: IsoInstant,
    stepS: z.number().min(0.1).max(86_400),
  })
  .refine((p) => Date.parse(p.end) > Date.parse(p.start), {
    message: 'end must be after start',
    path: ['end'],
  })
  .refine(
    (p) => (Date.parse(p.end) - Date.parse(p.start)) / 1000 / p.stepS < MAX_EPHEMERIS_POINTS,
    {
      message: `at most ${MAX_EPHEMERIS_POINTS} points: widen stepS or shorten the window`,
      path: ['stepS'],
    },
  );
type EphemerisParams = z.infer<typeof EphemerisParams>;

const ephemeris: JobDefinition<EphemerisParams, EphemerisInput, EphemerisOutput> = {
  params: EphemerisParams,
  permission: 'run jobs',
  async check(store, p) {
    if (!(await store.catalogue.getSatellite(p.satellite)))
      throw invalidField('body.params.satellite', 'no such satellite');
    const [e] = await store.catalogue.elementSets(p.satellite, 1);
    if (!e) throw invalidField('body.params.satellite', 'the satellite has no element set');
  },
  async prepare(store, p) {
    const [e] = await store.catalogue.elementSets(p.satellite, 1);
    if (!e) throw new Error('the satellite has no element set');
    const startMs = parseIsoUtc(p.start, 'params.start');
    const endMs = parseIsoUtc(p.end, 'params.end');
    return {
      elementSet: { satelliteId: e.satelliteId, name: e.name, line1: e.line1, line2: e.line2 },
      startMs,
      stepS: p.stepS,
      count: Math.floor((endMs - startMs) / (p.stepS * 1000)) + 1,
    };
  },
  async commit(_tx, _job, out) {
    const round = (xs: number[], k: number) =>
      xs.map((x) => (Number.isFinite(x) ? Math.round(x * k) / k : null));
    return {
      start: formatIsoUtc(out.startMs),
      stepS: out.stepS,
      latitudeDeg: round(out.latitudeDeg, 1e5),
      longitudeDeg: round(out.longitudeDeg, 1e5),
      altitudeKm: round(out.altitudeKm, 1e3),
    };
  },
};

export type JobDefinitions = Readonly<Record<string, JobDefinition<never, unknown, never>>>;

/** The job types this build knows. */
export const JOB_DEFINITIONS: JobDefinitions = {
  passes: passes as unknown as JobDefinition<never, unknown, never>,
  ephemeris: ephemeris as unknown as JobDefinition<never, unknown, never>,
  planning: planningJob as unknown as JobDefinition<never, unknown, never>,
};
