/**
 * Reader of an `aeossp_standard` case directory (mission.yaml, satellites.yaml, tasks.yaml) and
 * of a solution file. Every problem is a ValidationError located by file, line and field.
 * Pure functions of the texts; the CLI reads the files.
 */
import { type Document, LineCounter, isNode, parseDocument } from 'yaml';
import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { parseIsoUtc } from '../../core/time.js';
import { type Lang, defineMessages } from '../../i18n/index.js';
import { Sgp4InitError, SGP4_WGS84, createNearEarthSgp4 } from '../../orbit/sgp4-gravity.js';
import type {
  AeosspAction,
  AeosspCase,
  AeosspMission,
  AeosspSatellite,
  AeosspSolution,
  AeosspTask,
} from './model.js';

const m = defineMessages({
  en: {
    yaml: 'not valid YAML: {reason}',
    json: 'not valid JSON: {reason}',
    shape: '{reason}',
    zone: 'a time zone is required (Z or ±HH:MM)',
    horizon: 'horizon_end must be after horizon_start',
    window: 'due_time must not be before release_time',
    duplicate: 'duplicate id "{id}"',
    tle: 'unusable TLE: {reason}',
    battery: 'initial_battery_wh must be between 0 and battery_capacity_wh',
    actionType: 'unknown action type "{type}": only "observation" is allowed',
  },
  fr: {
    yaml: 'YAML invalide : {reason}',
    json: 'JSON invalide : {reason}',
    shape: '{reason}',
    zone: 'un fuseau horaire est exigé (Z ou ±HH:MM)',
    horizon: 'horizon_end doit suivre horizon_start',
    window: 'due_time ne doit pas précéder release_time',
    duplicate: 'identifiant « {id} » en double',
    tle: 'TLE inutilisable : {reason}',
    battery: 'initial_battery_wh doit être entre 0 et battery_capacity_wh',
    actionType: 'type d’action « {type} » inconnu : seul « observation » est admis',
  },
});

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const isoText = z.string().min(1);

const missionSchema = z.object({
  mission: z.object({
    case_id: z.union([z.string(), z.number()]).transform(String),
    horizon_start: isoText,
    horizon_end: isoText,
    action_time_step_s: z.number().int().positive(),
    geometry_sample_step_s: z.number().int().positive(),
    resource_sample_step_s: z.number().int().positive(),
  }),
});

const satelliteSchema = z.object({
  satellite_id: z.string().min(1),
  norad_catalog_id: z.number().int().nonnegative(),
  tle_line1: z.string().min(1),
  tle_line2: z.string().min(1),
  sensor: z.object({ sensor_type: z.string().min(1) }),
  attitude_model: z.object({
    max_slew_velocity_deg_per_s: positive,
    max_slew_acceleration_deg_per_s2: positive,
    settling_time_s: nonNegative,
    max_off_nadir_deg: z.number().min(0).max(90),
  }),
  resource_model: z.object({
    battery_capacity_wh: nonNegative,
    initial_battery_wh: nonNegative,
    idle_power_w: nonNegative,
    imaging_power_w: nonNegative,
    slew_power_w: nonNegative,
    sunlit_charge_power_w: nonNegative,
  }),
});
const satellitesSchema = z.object({ satellites: z.array(satelliteSchema) });

const taskSchema = z.object({
  task_id: z.union([z.string().min(1), z.number()]).transform(String),
  name: z.union([z.string(), z.number()]).transform(String).optional(),
  latitude_deg: z.number().min(-90).max(90),
  longitude_deg: z.number().min(-180).max(360),
  altitude_m: z.number().min(-11_000).max(100_000).default(0),
  release_time: isoText,
  due_time: isoText,
  required_duration_s: z.number().int().positive(),
  required_sensor_type: z.string().min(1),
  weight: nonNegative,
});
const tasksSchema = z.object({ tasks: z.array(taskSchema) });

/** A located error builder for one YAML or JSON document. */
class Locator {
  constructor(
    readonly file: string,
    readonly lang: Lang,
    private readonly doc: Document | null,
    private readonly lines: LineCounter | null,
    private readonly jsonText: string | null = null,
  ) {}

  lineOf(path: readonly (string | number)[]): number | undefined {
    if (this.doc && this.lines) {
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
      }
      return undefined;
    }
    if (this.jsonText !== null) return jsonLineOf(this.jsonText, path);
    return undefined;
  }

  error(
    path: readonly (string | number)[],
    message: string,
    extra: { received?: string; expected?: string } = {},
  ): ValidationError {
    const line = this.lineOf(path);
    return new ValidationError(message, {
      location: {
        file: this.file,
        ...(line !== undefined ? { line } : {}),
        ...(path.length ? { field: formatPath(path) } : {}),
      },
      ...extra,
    });
  }

  zod<T>(schema: z.ZodType<T>, value: unknown): T {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    const issue = r.error.issues[0]!;
    throw this.error(
      issue.path.filter((k): k is string | number => typeof k !== 'symbol'),
      m(this.lang, 'shape', { reason: issue.message }),
    );
  }

  time(path: readonly (string | number)[], text: string, requireZone = false): number {
    if (requireZone && !/(Z|[+-]\d\d:?\d\d)$/i.test(text.trim()))
      throw this.error(path, m(this.lang, 'zone'), { received: text });
    try {
      return parseIsoUtc(text, formatPath(path));
    } catch (err) {
      throw this.error(path, err instanceof ValidationError ? err.detail : String(err), {
        received: text,
      });
    }
  }
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');
}

/**
 * Approximate line of a JSON path: the line of the n-th element of the "actions" array is found
 * by scanning for the n-th opening brace after `"actions"`. Good enough for solution files.
 */
function jsonLineOf(text: string, path: readonly (string | number)[]): number | undefined {
  if (path[0] !== 'actions' || typeof path[1] !== 'number') return undefined;
  let i = text.indexOf('"actions"');
  if (i < 0) return undefined;
  i = text.indexOf('[', i);
  let depth = 0;
  let count = -1;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 1 && c === '{' && ++count === path[1]) break;
      depth++;
    } else if (c === '}' || c === ']') depth--;
  }
  if (i >= text.length) return undefined;
  let line = 1;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

function loadYaml(text: string, file: string, lang: Lang): { value: unknown; loc: Locator } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const loc = new Locator(file, lang, doc, lines);
  const err = doc.errors[0];
  if (err) {
    const line = lines.linePos(err.pos[0]).line;
    throw new ValidationError(m(lang, 'yaml', { reason: err.message.split('\n')[0]! }), {
      location: { file, line },
    });
  }
  return { value: doc.toJS({ maxAliasCount: 100 }) as unknown, loc };
}

/** The three texts of a case directory, with the names to report. */
export interface CaseTexts {
  readonly mission: { readonly text: string; readonly file: string };
  readonly satellites: { readonly text: string; readonly file: string };
  readonly tasks: { readonly text: string; readonly file: string };
}

/**
 * Parses and validates a case.
 * @throws ValidationError with file, line and field of the first problem.
 */
export function parseAeosspCase(texts: CaseTexts, lang: Lang = 'en'): AeosspCase {
  const mi = loadYaml(texts.mission.text, texts.mission.file, lang);
  const mRaw = mi.loc.zod(missionSchema, mi.value).mission;
  const hs = mi.loc.time(['mission', 'horizon_start'], mRaw.horizon_start);
  const he = mi.loc.time(['mission', 'horizon_end'], mRaw.horizon_end);
  if (he <= hs) throw mi.loc.error(['mission', 'horizon_end'], m(lang, 'horizon'));
  const mission: AeosspMission = {
    caseId: mRaw.case_id,
    horizonStartMs: hs,
    horizonEndMs: he,
    actionTimeStepS: mRaw.action_time_step_s,
    geometrySampleStepS: mRaw.geometry_sample_step_s,
    resourceSampleStepS: mRaw.resource_sample_step_s,
  };

  const sa = loadYaml(texts.satellites.text, texts.satellites.file, lang);
  const sRaw = sa.loc.zod(satellitesSchema, sa.value).satellites;
  const satIds = new Set<string>();
  const satellites: AeosspSatellite[] = sRaw.map((s, i) => {
    if (satIds.has(s.satellite_id))
      throw sa.loc.error(
        ['satellites', i, 'satellite_id'],
        m(lang, 'duplicate', { id: s.satellite_id }),
      );
    satIds.add(s.satellite_id);
    try {
      createNearEarthSgp4(s.tle_line1, s.tle_line2, SGP4_WGS84);
    } catch (err) {
      const reason = err instanceof Sgp4InitError ? err.message : String(err);
      throw sa.loc.error(['satellites', i, 'tle_line2'], m(lang, 'tle', { reason }));
    }
    if (!/^1 /.test(s.tle_line1) || !/^2 /.test(s.tle_line2) || s.tle_line2.length < 63)
      throw sa.loc.error(['satellites', i, 'tle_line1'], m(lang, 'tle', { reason: 'format' }));
    const r = s.resource_model;
    if (r.initial_battery_wh > r.battery_capacity_wh)
      throw sa.loc.error(
        ['satellites', i, 'resource_model', 'initial_battery_wh'],
        m(lang, 'battery'),
      );
    const a = s.attitude_model;
    return {
      id: s.satellite_id,
      noradCatalogId: s.norad_catalog_id,
      tleLine1: s.tle_line1,
      tleLine2: s.tle_line2,
      sensorType: s.sensor.sensor_type,
      maxSlewVelocityDegS: a.max_slew_velocity_deg_per_s,
      maxSlewAccelerationDegS2: a.max_slew_acceleration_deg_per_s2,
      settlingTimeS: a.settling_time_s,
      maxOffNadirDeg: a.max_off_nadir_deg,
      batteryCapacityWh: r.battery_capacity_wh,
      initialBatteryWh: r.initial_battery_wh,
      idlePowerW: r.idle_power_w,
      imagingPowerW: r.imaging_power_w,
      slewPowerW: r.slew_power_w,
      sunlitChargePowerW: r.sunlit_charge_power_w,
    };
  });

  const ta = loadYaml(texts.tasks.text, texts.tasks.file, lang);
  const tRaw = ta.loc.zod(tasksSchema, ta.value).tasks;
  const taskIds = new Set<string>();
  const tasks: AeosspTask[] = tRaw.map((t, i) => {
    if (taskIds.has(t.task_id))
      throw ta.loc.error(['tasks', i, 'task_id'], m(lang, 'duplicate', { id: t.task_id }));
    taskIds.add(t.task_id);
    const release = ta.loc.time(['tasks', i, 'release_time'], t.release_time);
    const due = ta.loc.time(['tasks', i, 'due_time'], t.due_time);
    if (due < release) throw ta.loc.error(['tasks', i, 'due_time'], m(lang, 'window'));
    return {
      id: t.task_id,
      name: t.name ?? t.task_id,
      latitudeDeg: t.latitude_deg,
      longitudeDeg: t.longitude_deg,
      altitudeM: t.altitude_m,
      releaseMs: release,
      dueMs: due,
      requiredDurationS: t.required_duration_s,
      requiredSensorType: t.required_sensor_type,
      weight: t.weight,
    };
  });
  return { mission, satellites, tasks };
}

const actionSchema = z.object({
  type: z.string(),
  satellite_id: z.union([z.string(), z.number()]).transform(String),
  task_id: z.union([z.string(), z.number()]).transform(String),
  start_time: z.string(),
  end_time: z.string(),
});

/**
 * Parses a solution file `{"actions": [...]}`. A malformed file (bad JSON, missing field, time
 * without a zone, an action type other than "observation") is a located ValidationError: the
 * benchmark rejects such a file as a whole.
 */
export function parseAeosspSolution(text: string, file: string, lang: Lang = 'en'): AeosspSolution {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ValidationError(m(lang, 'json', { reason }), { location: { file } });
  }
  const loc = new Locator(file, lang, null, null, text);
  const raw = loc.zod(z.object({ actions: z.array(z.unknown()) }), json);
  const actions: AeosspAction[] = raw.actions.map((a, i) => {
    const typed = loc.zod(z.object({ type: z.string() }), a);
    if (typed.type !== 'observation')
      throw loc.error(['actions', i, 'type'], m(lang, 'actionType', { type: typed.type }));
    const r = actionSchema.safeParse(a);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw loc.error(
        ['actions', i, ...issue.path.filter((k): k is string | number => typeof k !== 'symbol')],
        issue.message,
      );
    }
    return {
      satelliteId: r.data.satellite_id,
      taskId: r.data.task_id,
      startMs: loc.time(['actions', i, 'start_time'], r.data.start_time, true),
      endMs: loc.time(['actions', i, 'end_time'], r.data.end_time, true),
    };
  });
  return { actions };
}
