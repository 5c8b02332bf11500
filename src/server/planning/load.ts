/**
 * Reading what a planner scenario needs from the store and the bundled platform data (main
 * thread; the scenario then crosses to a worker thread as a value).
 */
import { formatIsoUtc } from '../../core/time.js';
import { loadBundledPlatforms, type Platform } from '../../io/platforms.js';
import { loadBundledSensors } from '../../io/sensors.js';
import type { Repos, RequestRecord, Store } from '../../store/index.js';
import { invalidField } from '../errors.js';
import {
  DEFAULT_ENTITLEMENTS,
  type Fairness,
  PLANNABLE,
  type PlanningSettings,
  type RequestMeta,
  buildScenario,
  plannableSatellites,
} from './scenario.js';
import { type Scenario, parseScenario } from './planner-api.js';

interface StoredBalance {
  readonly asOf: string;
  readonly balance: Record<string, number>;
  readonly basis: Record<string, number>;
  readonly basisFrom: string;
}

/**
 * The planning settings for a horizon starting at `startMs`. The balance carried is the one the
 * last planning job left when this horizon starts at or after the end of that job's horizon; when
 * re-planning the same period, the balance that job started from (so re-planning a day does not
 * count its shortfall twice); none for an earlier period.
 */

/**
 * The platforms (sensor, agility, recorder, rates) a server plans with, per store: the file given
 * to `sahelsat serve --platforms` (`ServerOptions.platforms`), else the bundled demo platforms.
 * Kept per store so that several servers in one process (tests) do not see each other's fleet.
 */
const platformsByStore = new WeakMap<Store, readonly Platform[]>();

export function usePlatforms(store: Store, platforms: readonly Platform[]): void {
  platformsByStore.set(store, platforms);
}

export function platformsOf(store: Store): Platform[] {
  const own = platformsByStore.get(store);
  return own ? [...own] : loadBundledPlatforms();
}

export async function planningSettings(
  repos: Pick<Repos, 'settings'>,
  startMs: number,
): Promise<PlanningSettings> {
  const all = await repos.settings.all();
  const b = (all.planningBalance as StoredBalance | undefined) ?? null;
  let balance: Record<string, number> = {};
  if (b && startMs >= Date.parse(b.asOf)) balance = b.balance;
  else if (b && startMs >= Date.parse(b.basisFrom)) balance = b.basis;
  return {
    entitlements:
      (all.planningEntitlements as PlanningSettings['entitlements'] | undefined) ??
      DEFAULT_ENTITLEMENTS,
    fairness: (all.planningFairness as Fairness | undefined) ?? 'leximin',
    balance: Object.fromEntries(
      Object.entries(balance).filter(([n]) => n === 'ML' || n === 'BF' || n === 'NE'),
    ),
  };
}

/** The balance setting after a plan of [startMs, endMs] that started from `basis`. */
export function nextBalance(
  startMs: number,
  endMs: number,
  basis: PlanningSettings['balance'],
  nations: Readonly<Record<string, { balance?: number }>>,
): StoredBalance {
  const balance: Record<string, number> = {};
  for (const [n, x] of Object.entries(nations))
    if (typeof x.balance === 'number') balance[n] = x.balance;
  return {
    asOf: formatIsoUtc(endMs),
    balance,
    basis: { ...basis },
    basisFrom: formatIsoUtc(startMs),
  };
}

/** Ids of the satellites the store can plan (element set and platform known). */
export async function plannableSatelliteIds(store: Store): Promise<Set<string>> {
  const sats = plannableSatellites(
    await store.catalogue.latestElementSets(),
    platformsOf(store),
    loadBundledSensors(),
  );
  return new Set(sats.map((s) => s.id));
}

/** Checks a satellite list: each must exist and be plannable (400 at `path.i` otherwise). */
export async function checkSatellites(
  store: Store,
  ids: readonly string[] | undefined,
  path: string,
): Promise<void> {
  if (!ids) return;
  const ok = await plannableSatelliteIds(store);
  for (const [i, id] of ids.entries()) {
    if (ok.has(id)) continue;
    const exists = await store.catalogue.getSatellite(id);
    throw invalidField(
      `${path}.${i}`,
      exists
        ? `satellite "${id}" cannot image: no platform (sensor, agility, recorder) is known for it`
        : `no satellite "${id}"`,
    );
  }
}

export interface LoadOptions {
  readonly startMs: number;
  readonly horizonH: number;
  readonly satelliteIds?: readonly string[];
  /** The requests to plan (default: every request in submitted, feasible or planned). */
  readonly requests?: readonly RequestRecord[];
}

export async function loadScenario(
  store: Store,
  o: LoadOptions,
): Promise<{ scenario: Scenario; meta: Map<string, RequestMeta>; settings: PlanningSettings }> {
  const settings = await planningSettings(store, o.startMs);
  const built = buildScenario({
    startMs: o.startMs,
    horizonH: o.horizonH,
    elementSets: await store.catalogue.latestElementSets(),
    platforms: platformsOf(store),
    sensors: loadBundledSensors(),
    stations: await store.catalogue.listStations(),
    requests: o.requests ?? (await store.requests.listAnyByStatus(PLANNABLE)),
    settings,
    ...(o.satelliteIds ? { satelliteIds: o.satelliteIds } : {}),
  });
  return { ...built, settings };
}

/**
 * Checks a scenario with the planner's own parser before it goes to a thread: a stale element
 * set or a request the planner refuses is reported now, with the planner's located message.
 * @throws ValidationError (from parseScenario)
 */
export function checkScenario(s: Scenario, what: string): Scenario {
  return parseScenario(JSON.stringify(s), what);
}
