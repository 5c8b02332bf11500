/**
 * The AstroReason-Bench `aeossp_standard` problem: agile Earth-observation satellites, point
 * targets with time windows, a 12 h horizon. Instants are UTC milliseconds; durations in seconds.
 */

export type SensorType = string;

export interface AeosspMission {
  readonly caseId: string;
  readonly horizonStartMs: number;
  readonly horizonEndMs: number;
  readonly actionTimeStepS: number;
  readonly geometrySampleStepS: number;
  readonly resourceSampleStepS: number;
}

export interface AeosspSatellite {
  readonly id: string;
  readonly noradCatalogId: number;
  readonly tleLine1: string;
  readonly tleLine2: string;
  readonly sensorType: SensorType;
  readonly maxSlewVelocityDegS: number;
  readonly maxSlewAccelerationDegS2: number;
  readonly settlingTimeS: number;
  readonly maxOffNadirDeg: number;
  readonly batteryCapacityWh: number;
  readonly initialBatteryWh: number;
  readonly idlePowerW: number;
  readonly imagingPowerW: number;
  readonly slewPowerW: number;
  readonly sunlitChargePowerW: number;
}

export interface AeosspTask {
  readonly id: string;
  readonly name: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeM: number;
  readonly releaseMs: number;
  readonly dueMs: number;
  readonly requiredDurationS: number;
  readonly requiredSensorType: SensorType;
  readonly weight: number;
}

export interface AeosspCase {
  readonly mission: AeosspMission;
  readonly satellites: readonly AeosspSatellite[];
  readonly tasks: readonly AeosspTask[];
}

/** One observation of a solution (the only action type the benchmark knows). */
export interface AeosspAction {
  readonly satelliteId: string;
  readonly taskId: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** The solution file as read: actions, plus the raw text of each time for the report. */
export interface AeosspSolution {
  readonly actions: readonly AeosspAction[];
}

/**
 * Slew time (s) of a rest-to-rest bang-coast-bang manoeuvre through `thetaDeg`, with maximum
 * rate `omegaDegS` and acceleration `alphaDegS2` (the benchmark's formula, settling excluded).
 */
export function slewTimeS(thetaDeg: number, omegaDegS: number, alphaDegS2: number): number {
  if (thetaDeg <= 1e-9) return 0;
  const thresh = (omegaDegS * omegaDegS) / alphaDegS2;
  if (thetaDeg <= thresh) return 2 * Math.sqrt(thetaDeg / alphaDegS2);
  return (2 * omegaDegS) / alphaDegS2 + (thetaDeg - thresh) / omegaDegS;
}
