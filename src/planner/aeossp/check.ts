/**
 * Our checker of `aeossp_standard` solutions, re-implemented from the benchmark's README (no
 * code of the benchmark's verifier): per-action structure, geometry over the whole observation,
 * slew and settling per satellite, battery with sunlit charging, and the metrics CR, WCR, TAT,
 * PC. Any violation makes the solution invalid and zeroes the metrics.
 */
import { type Lang, defineMessages } from '../../i18n/index.js';
import {
  type SatelliteTrack,
  angleDeg,
  ecefToJ2000Into,
  lookGeometry,
  memoisedJ2000Matrix,
  satelliteTrack,
  targetEcef,
} from './ephemeris.js';
import { inShadow, sunUnitJ2000 } from './frames.js';
import {
  type AeosspCase,
  type AeosspSatellite,
  type AeosspSolution,
  type AeosspTask,
  slewTimeS,
} from './model.js';

const m = defineMessages({
  en: {
    unknownSatellite: 'unknown satellite_id "{id}"',
    unknownTask: 'unknown task_id "{id}"',
    order: 'end_time must be after start_time',
    horizon: 'action lies outside the mission horizon',
    grid: 'start_time/end_time not on the {step} s action grid',
    window: 'action lies outside the task window [release_time, due_time]',
    duration: 'duration {got} s does not equal required_duration_s {want}',
    sensor: 'sensor_type does not match: satellite {sat}, task {task}',
    propagation: 'orbit propagation failed',
    visibility: 'target not continuously visible during the observation',
    offNadir: 'off-nadir angle {angle}° exceeds max_off_nadir_deg {max}°',
    overlap: 'observation overlap on the same satellite',
    slew: 'insufficient slew/settle time: gap {gap} s, required {required} s',
    battery: 'battery depletes below zero ({energy} Wh)',
  },
  fr: {
    unknownSatellite: 'satellite_id « {id} » inconnu',
    unknownTask: 'task_id « {id} » inconnu',
    order: 'end_time doit suivre start_time',
    horizon: 'action hors de l’horizon de la mission',
    grid: 'start_time/end_time hors de la grille d’actions de {step} s',
    window: 'action hors de la fenêtre de la tâche [release_time, due_time]',
    duration: 'durée {got} s différente de required_duration_s {want}',
    sensor:
      'type de capteur différent (sensor_type does not match) : satellite {sat}, tâche {task}',
    propagation: 'échec de la propagation d’orbite',
    visibility: 'cible non visible pendant toute l’observation (not continuously visible)',
    offNadir: 'angle hors nadir {angle}° au-delà de max_off_nadir_deg {max}°',
    overlap:
      'observations qui se chevauchent sur le même satellite (overlap on the same satellite)',
    slew: 'temps de basculement et stabilisation insuffisant (insufficient slew/settle time) : écart {gap} s, requis {required} s',
    battery: 'batterie sous zéro (battery depletes below zero) : {energy} Wh',
  },
});

export type FailureStage = 'structure' | 'geometry' | 'slew' | 'battery';

export interface ActionFailure {
  /** Index of the action in the solution, −1 for a satellite-wide (battery) failure. */
  readonly actionIndex: number;
  readonly satelliteId: string;
  readonly taskId: string;
  readonly stage: FailureStage;
  readonly code: string;
  readonly message: string;
  /** UTC ms: the action's start, the failing sample, or the battery segment's midpoint. */
  readonly timeMs: number;
}

export interface AeosspMetrics {
  /** Completion ratio. */
  readonly CR: number;
  /** Weighted completion ratio. */
  readonly WCR: number;
  /** Mean turnaround (completion − release), s; null when nothing is completed. */
  readonly TAT: number | null;
  /** Total gross load energy of all satellites, Wh. */
  readonly PC: number;
}

export interface TaskOutcome {
  readonly completed: boolean;
  readonly completedByActionIndex: number | null;
  readonly completionTimeMs: number | null;
}

export interface SatelliteResourceSummary {
  readonly failed: boolean;
  readonly grossConsumptionWh: number;
  readonly totalImagingTimeS: number;
  readonly minimumBatteryWh: number;
}

export interface AeosspReport {
  readonly valid: boolean;
  readonly metrics: AeosspMetrics;
  readonly actionFailures: readonly ActionFailure[];
  readonly perTask: ReadonlyMap<string, TaskOutcome>;
  readonly perSatellite: ReadonlyMap<string, SatelliteResourceSummary>;
}

interface Accepted {
  readonly index: number;
  readonly sat: AeosspSatellite;
  readonly task: AeosspTask;
  /** Seconds from horizon start. */
  readonly start: number;
  readonly end: number;
}

/** Checks a solution against a case (pure; propagates the orbits itself). */
export function checkAeossp(c: AeosspCase, sol: AeosspSolution, lang: Lang = 'en'): AeosspReport {
  const h0 = c.mission.horizonStartMs;
  const sats = new Map(c.satellites.map((s) => [s.id, s]));
  const tasks = new Map(c.tasks.map((t) => [t.id, t]));
  const tracks = new Map<string, SatelliteTrack>();
  const matrixAt = memoisedJ2000Matrix();
  const sunCache = new Map<number, readonly number[]>();
  const sunAt = (t: number): readonly number[] => {
    let v = sunCache.get(t);
    if (!v) sunCache.set(t, (v = sunUnitJ2000(t)));
    return v;
  };
  const track = (s: AeosspSatellite): SatelliteTrack => {
    let tr = tracks.get(s.id);
    if (!tr) tracks.set(s.id, (tr = satelliteTrack(s, matrixAt)));
    return tr;
  };
  const targets = new Map<string, Float64Array>();
  const target = (t: AeosspTask): Float64Array => {
    let p = targets.get(t.id);
    if (!p) targets.set(t.id, (p = targetEcef(t)));
    return p;
  };
  const failures: ActionFailure[] = [];
  const fail = (
    index: number,
    satelliteId: string,
    taskId: string,
    stage: FailureStage,
    code: Parameters<typeof m>[1],
    timeMs: number,
    vars?: Record<string, string | number>,
  ): void => {
    failures.push({
      actionIndex: index,
      satelliteId,
      taskId,
      stage,
      code,
      message: m(lang, code, vars),
      timeMs,
    });
  };

  // 1–2. Structure, then geometry, per action
  const accepted: Accepted[] = [];
  const stepMs = c.mission.actionTimeStepS * 1000;
  const geoStepMs = c.mission.geometrySampleStepS * 1000;
  const satPos = new Float64Array(3);
  sol.actions.forEach((a, index) => {
    const f = (
      stage: FailureStage,
      code: Parameters<typeof m>[1],
      t: number,
      vars?: Record<string, string | number>,
    ): void => fail(index, a.satelliteId, a.taskId, stage, code, t, vars);
    const sat = sats.get(a.satelliteId);
    if (!sat) return f('structure', 'unknownSatellite', a.startMs, { id: a.satelliteId });
    const task = tasks.get(a.taskId);
    if (!task) return f('structure', 'unknownTask', a.startMs, { id: a.taskId });
    if (a.endMs <= a.startMs) return f('structure', 'order', a.startMs);
    if (a.startMs < h0 || a.endMs > c.mission.horizonEndMs)
      return f('structure', 'horizon', a.startMs);
    if ((a.startMs - h0) % stepMs !== 0 || (a.endMs - h0) % stepMs !== 0)
      return f('structure', 'grid', a.startMs, { step: c.mission.actionTimeStepS });
    if (a.startMs < task.releaseMs || a.endMs > task.dueMs)
      return f('structure', 'window', a.startMs);
    if (a.endMs - a.startMs !== task.requiredDurationS * 1000)
      return f('structure', 'duration', a.startMs, {
        got: (a.endMs - a.startMs) / 1000,
        want: task.requiredDurationS,
      });
    if (sat.sensorType !== task.requiredSensorType)
      return f('structure', 'sensor', a.startMs, {
        sat: sat.sensorType,
        task: task.requiredSensorType,
      });
    const tgt = target(task);
    const tr = track(sat);
    const samples = [a.startMs];
    const firstGrid = h0 + (Math.floor((a.startMs - h0) / geoStepMs) + 1) * geoStepMs;
    for (let t = firstGrid; t < a.endMs; t += geoStepMs) samples.push(t);
    samples.push(a.endMs);
    for (const t of samples) {
      if (!tr.ecef(t, satPos)) return f('geometry', 'propagation', t);
      const g = lookGeometry(satPos, tgt);
      if (!g.visible) return f('geometry', 'visibility', t);
      if (g.offNadirDeg > sat.maxOffNadirDeg + 1e-6)
        return f('geometry', 'offNadir', t, {
          angle: g.offNadirDeg.toFixed(4),
          max: sat.maxOffNadirDeg,
        });
    }
    accepted.push({ index, sat, task, start: (a.startMs - h0) / 1000, end: (a.endMs - h0) / 1000 });
  });

  // 3. Slew and overlap, per satellite
  const bySat = new Map<string, Accepted[]>();
  for (const a of accepted) {
    const list = bySat.get(a.sat.id) ?? [];
    list.push(a);
    bySat.set(a.sat.id, list);
  }
  const kept = new Map<string, { actions: Accepted[]; windows: [number, number][] }>();
  const from = new Float64Array(3);
  const to = new Float64Array(3);
  const tmp = new Float64Array(3);
  for (const s of c.satellites) {
    const list = (bySat.get(s.id) ?? []).sort(
      (x, y) => x.start - y.start || x.end - y.end || x.index - y.index,
    );
    const tr = track(s);
    const actions: Accepted[] = [];
    const windows: [number, number][] = [];
    let prev: Accepted | null = null;
    for (const cur of list) {
      const tCur = h0 + cur.start * 1000;
      if (prev && prev.end > cur.start) {
        fail(cur.index, s.id, cur.task.id, 'slew', 'overlap', tCur);
        continue;
      }
      if (!tr.j2000(tCur, satPos)) {
        fail(cur.index, s.id, cur.task.id, 'slew', 'propagation', tCur);
        continue;
      }
      ecefToJ2000Into(tCur, target(cur.task), tmp);
      for (let k = 0; k < 3; k++) to[k] = tmp[k]! - satPos[k]!;
      let gap: number;
      if (prev) {
        const tPrev = h0 + prev.end * 1000;
        if (!tr.j2000(tPrev, tmp)) {
          fail(cur.index, s.id, cur.task.id, 'slew', 'propagation', tPrev);
          continue;
        }
        const sp = Float64Array.from(tmp);
        ecefToJ2000Into(tPrev, target(prev.task), tmp);
        for (let k = 0; k < 3; k++) from[k] = tmp[k]! - sp[k]!;
        gap = cur.start - prev.end;
      } else {
        for (let k = 0; k < 3; k++) from[k] = -satPos[k]!;
        gap = cur.start;
      }
      const theta = angleDeg(from, to);
      const required =
        slewTimeS(theta, s.maxSlewVelocityDegS, s.maxSlewAccelerationDegS2) + s.settlingTimeS;
      if (gap + 1e-9 < required) {
        fail(cur.index, s.id, cur.task.id, 'slew', 'slew', tCur, {
          gap: gap.toFixed(3),
          required: required.toFixed(3),
        });
        continue;
      }
      actions.push(cur);
      windows.push([cur.start - required, cur.start]);
      prev = cur;
    }
    kept.set(s.id, { actions, windows });
  }

  // 4. Battery, per satellite
  const horizonS = (c.mission.horizonEndMs - h0) / 1000;
  const perSatellite = new Map<string, SatelliteResourceSummary>();
  let pc = 0;
  for (const s of c.satellites) {
    const { actions, windows } = kept.get(s.id)!;
    const r = simulateBattery(
      s,
      track(s),
      h0,
      horizonS,
      c.mission.resourceSampleStepS,
      actions,
      windows,
      sunAt,
    );
    if (r.failure)
      fail(-1, s.id, '', 'battery', 'battery', r.failure.timeMs, {
        energy: r.failure.energyWh.toFixed(6),
      });
    pc += r.grossWh;
    perSatellite.set(s.id, {
      failed: r.failure !== null,
      grossConsumptionWh: r.grossWh,
      totalImagingTimeS: actions.reduce((acc, a) => acc + (a.end - a.start), 0),
      minimumBatteryWh: r.minimumWh,
    });
  }

  // 5. Completion and metrics
  const perTask = new Map<string, TaskOutcome>();
  for (const t of c.tasks)
    perTask.set(t.id, { completed: false, completedByActionIndex: null, completionTimeMs: null });
  for (const { actions } of kept.values())
    for (const a of actions) {
      const endMs = h0 + a.end * 1000;
      const cur = perTask.get(a.task.id)!;
      if (
        cur.completionTimeMs === null ||
        endMs < cur.completionTimeMs ||
        (endMs === cur.completionTimeMs && a.index < cur.completedByActionIndex!)
      )
        perTask.set(a.task.id, {
          completed: true,
          completedByActionIndex: a.index,
          completionTimeMs: endMs,
        });
    }
  const valid = failures.length === 0;
  let done = 0;
  let doneWeight = 0;
  let totalWeight = 0;
  let tat = 0;
  for (const t of c.tasks) {
    totalWeight += t.weight;
    const o = perTask.get(t.id)!;
    if (!o.completed) continue;
    done++;
    doneWeight += t.weight;
    tat += (o.completionTimeMs! - t.releaseMs) / 1000;
  }
  const metrics: AeosspMetrics = valid
    ? {
        CR: c.tasks.length ? done / c.tasks.length : 0,
        WCR: totalWeight > 0 ? doneWeight / totalWeight : 0,
        TAT: done ? tat / done : null,
        PC: pc,
      }
    : { CR: 0, WCR: 0, TAT: null, PC: 0 };
  return { valid, metrics, actionFailures: failures, perTask, perSatellite };
}

interface BatteryResult {
  readonly grossWh: number;
  readonly minimumWh: number;
  readonly failure: { timeMs: number; energyWh: number } | null;
}

/**
 * The README's battery rule: piecewise-constant power on the union of the resource grid, action
 * bounds and manoeuvre-window bounds, evaluated at each segment's midpoint; charge when sunlit
 * (cylindrical shadow in J2000); the energy is capped at capacity and must not go below zero.
 * Times in seconds from the horizon start.
 */
export function simulateBattery(
  s: AeosspSatellite,
  tr: SatelliteTrack,
  h0: number,
  horizonS: number,
  stepS: number,
  actions: readonly { start: number; end: number }[],
  windows: readonly (readonly [number, number])[],
  sunAt: (t: number) => readonly number[] = sunUnitJ2000,
): BatteryResult {
  const pts: number[] = [];
  for (let t = 0; t < horizonS; t += stepS) pts.push(t);
  pts.push(horizonS);
  for (const a of actions) pts.push(a.start, a.end);
  for (const w of windows) pts.push(w[0], w[1]);
  const times = Float64Array.from(pts).sort();
  const acts = [...actions].sort((a, b) => a.start - b.start);
  const wins = [...windows].sort((a, b) => a[0] - b[0]);
  let ai = 0;
  let wi = 0;
  let e = s.initialBatteryWh;
  let minimum = e;
  let gross = 0;
  let failure: BatteryResult['failure'] = null;
  const p = new Float64Array(3);
  for (let k = 1; k < times.length; k++) {
    const a = times[k - 1]!;
    const b = times[k]!;
    const dt = b - a;
    if (!(dt > 0)) continue;
    const mid = (a + b) / 2;
    while (ai < acts.length && acts[ai]!.end <= mid) ai++;
    while (wi < wins.length && wins[wi]![1] <= mid) wi++;
    let load = s.idlePowerW;
    if (ai < acts.length && acts[ai]!.start <= mid) load += s.imagingPowerW;
    if (wi < wins.length && wins[wi]![0] <= mid) load += s.slewPowerW;
    const tMid = h0 + mid * 1000;
    const sunlit = tr.j2000(tMid, p) && !inShadow(p, sunAt(tMid));
    const charge = sunlit ? s.sunlitChargePowerW : 0;
    gross += (load * dt) / 3600;
    e += ((charge - load) * dt) / 3600;
    if (e < -1e-9 && !failure) failure = { timeMs: tMid, energyWh: e };
    minimum = Math.min(minimum, e);
    e = Math.min(e, s.batteryCapacityWh);
  }
  return { grossWh: gross, minimumWh: minimum, failure };
}
