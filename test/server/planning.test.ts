/**
 * Planning on the server, on SQLite and PostgreSQL: the demo constellation, requests of three
 * nations on real areas (data/aoi: a border strip, a region, towns), a planning job run in a
 * worker thread, the plan version it commits (acquisitions, details filtered per nation), the
 * requests it moves, the audit trail and the live event; bad inputs answer located 400s.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, verifyPlan } from '../../src/planner/index.js';
import { type StoredPlanDetails, planFromStored } from '../../src/server/planning/details.js';
import { loadScenario } from '../../src/server/planning/load.js';
import { testBackends } from '../support/backends.js';
import { type TestServer, bearer, createUsers, startServer } from '../support/server.js';

const backends = await testBackends();

interface Feature {
  properties: { id: string; name: string };
  geometry: { type: string; coordinates: unknown };
}
const layer = (name: string): Feature[] =>
  (JSON.parse(readFileSync(`data/aoi/${name}.geojson`, 'utf8')) as { features: Feature[] })
    .features;
const feature = (name: string, id: string) => layer(name).find((f) => f.properties.id === id)!;

const HORIZON_START = '2026-01-20T00:00:00Z';
const WINDOW = { start: '2026-01-20T00:00:00Z', end: '2026-01-21T00:00:00Z' };
const FEAS_WINDOW = { start: '2026-01-20T00:00:00Z', end: '2026-01-23T00:00:00Z' };

describe.each(backends)('planning on $name', (backend) => {
  let s: TestServer;
  let tokens: Map<string, string>;
  const ids: Record<string, string> = {};
  const call = async (user: string, method: string, url: string, payload?: unknown) =>
    s.app.inject({
      method: method as 'GET',
      url,
      headers: bearer(tokens.get(user)!),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const ok = async (user: string, method: string, url: string, payload?: unknown) => {
    const r = await call(user, method, url, payload);
    if (r.statusCode >= 300) throw new Error(`${user} ${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const newRequest = async (
    owner: string,
    over: Record<string, unknown>,
    to: 'submitted' | 'feasible' = 'submitted',
  ) => {
    const r = await ok(owner, 'POST', '/api/v1/requests', {
      priority: 2,
      window: WINDOW,
      sensorType: 'any',
      releasability: 'alliance',
      ...over,
    });
    await ok(owner, 'POST', `/api/v1/requests/${r.id}/transitions`, { to: 'submitted' });
    if (to === 'feasible')
      await ok(`operator-${owner.split('-')[1]}`, 'POST', `/api/v1/requests/${r.id}/transitions`, {
        to: 'feasible',
      });
    return r.id as string;
  };
  const waitJob = async (id: string, user = 'operator-aes') => {
    for (let i = 0; i < 600; i++) {
      const j = await ok(user, 'GET', `/api/v1/jobs/${id}`);
      if (j.status !== 'queued' && j.status !== 'running') return j;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`job ${id} did not finish`);
  };

  beforeAll(async () => {
    // The server lives in January 2026: the demo satellites are seeded with that day's epoch.
    const t0 = Date.now();
    s = await startServer(backend, {
      jobs: { threads: 1, pollMs: 100, leaseMs: 1500 },
      clock: () => Date.parse(HORIZON_START) + (Date.now() - t0),
    });
    const users = await createUsers(s);
    tokens = new Map([...users].map(([name, u]) => [name, u.token]));
    const strip = feature('border-strips', 'border:MLI-CIV@MLI');
    const centre = feature('regions', 'BF-03');
    const bamako = feature('towns', 'geonames:2460596');
    const niamey = feature('towns', 'geonames:2440485');
    ids.mlStrip = await newRequest('analyst-ml', {
      title: strip.properties.name,
      aoi: strip.geometry,
      releasability: 'nation',
      sensorType: 'optical',
    });
    ids.mlBamako = await newRequest(
      'analyst-ml',
      { title: 'Bamako', aoi: bamako.geometry, releasability: 'nation', sensorType: 'sar' },
      'feasible',
    );
    ids.bfCentre = await newRequest('analyst-bf', {
      title: centre.properties.name,
      aoi: centre.geometry,
      priority: 1,
    });
    ids.neNiamey = await newRequest('analyst-ne', {
      title: 'Niamey',
      aoi: niamey.geometry,
      maxOffNadirDeg: 30,
      recurrence: { everyDays: 1 },
    });
    ids.late = await newRequest('analyst-ne', {
      title: 'window before the horizon',
      aoi: niamey.geometry,
      window: { start: '2026-01-10T00:00:00Z', end: '2026-01-11T00:00:00Z' },
    });
  });
  afterAll(() => s?.close());

  it('builds from the store a scenario the planner’s own parser accepts', async () => {
    const { scenario, meta } = await loadScenario(s.app.sahelsat.store, {
      startMs: Date.parse(HORIZON_START),
      horizonH: 24,
    });
    const parsed = parseScenario(JSON.stringify(scenario), 'store scenario');
    expect(parsed.satellites.map((x) => x.id).sort()).toEqual([
      'sahel-opt-1',
      'sahel-opt-2',
      'sahel-sar-1',
    ]);
    expect(parsed.stations.map((x) => x.id).sort()).toEqual(['bamako', 'niamey', 'ouagadougou']);
    // Every nation's requests, private ones included; not the one whose window has passed.
    expect(parsed.requests.map((r) => r.id).sort()).toEqual(
      [ids.mlStrip, ids.mlBamako, ids.bfCentre, ids.neNiamey].sort(),
    );
    expect(meta.get(ids.mlStrip!)).toEqual({
      ownerNation: 'ML',
      releasability: 'nation',
      status: 'submitted',
    });
    expect(parsed.nations.ML.entitlement).toBeCloseTo(1 / 3, 12);
    // A request's own constraints reach the planner.
    const ne = parsed.requests.find((r) => r.id === ids.neNiamey)!;
    expect(ne.maxOffNadirDeg).toBe(30);
    expect(ne.recurrence).toEqual({ everyDays: 1 });
    const stored = await ok('viewer-bf', 'GET', `/api/v1/requests/${ids.neNiamey}`);
    expect(stored.maxOffNadirDeg).toBe(30);
    expect(stored.recurrence).toEqual({ everyDays: 1 });
  });

  it('a planning job commits a version; each nation sees only its own and the alliance’s', async () => {
    const seen: Array<{ type: string; data: Record<string, unknown> }> = [];
    const off = s.app.sahelsat.services.deps.events.subscribe((e) => seen.push(e));
    const job = await ok('operator-aes', 'POST', '/api/v1/jobs', {
      type: 'planning',
      releasability: 'alliance',
      params: { reason: 'daily plan', start: HORIZON_START, horizonH: 24, timeLimitS: 2, seed: 7 },
    });
    const done = await waitJob(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const res = done.result as {
      planId: string;
      version: number;
      acquisitions: number;
      nations: Record<string, { satisfaction: number }>;
    };
    expect(res.version).toBe(1);
    expect(res.acquisitions).toBeGreaterThan(0);
    expect(JSON.stringify(done.result)).not.toContain(ids.mlStrip);
    ids.plan = res.planId;

    const asMl = await ok('operator-ml', 'GET', `/api/v1/plans/${res.planId}`);
    const asBf = await ok('operator-bf', 'GET', `/api/v1/plans/${res.planId}`);
    const d = asMl.version.details;
    expect(d).not.toBeNull();
    expect(asMl.version.jobId).toBe(job.id);
    // The planner's answer covers every request it was given …
    const outcomes = new Map<string, { status: string; acquisitionAt: string | null }>(
      d.requests.map((r: { requestId: string }) => [r.requestId, r]),
    );
    for (const id of [ids.mlStrip, ids.mlBamako, ids.bfCentre, ids.neNiamey])
      expect(outcomes.has(id!), id).toBe(true);
    // … but Burkina Faso never sees Mali's private requests, in any part of it.
    const bfText = JSON.stringify(asBf);
    expect(bfText).not.toContain(ids.mlStrip);
    expect(bfText).not.toContain(ids.mlBamako);
    expect(asBf.version.details.requests.map((r: { requestId: string }) => r.requestId)).toContain(
      ids.bfCentre,
    );
    // Per-nation satisfaction is shared with everyone.
    expect(Object.keys(asBf.version.details.nations).sort()).toEqual(['BF', 'ML', 'NE']);
    // Stored acquisitions and their planner details agree.
    const acq = new Map(asMl.acquisitions.map((a: { id: string }) => [a.id, a]));
    expect(d.acquisitions.length).toBe(asMl.acquisitions.length);
    for (const a of d.acquisitions) {
      const stored = acq.get(a.id) as { requestId: string } | undefined;
      expect(stored?.requestId).toBe(a.requestId);
      expect(a.offNadirDeg).toBeGreaterThanOrEqual(0);
      expect(a.volumeGb).toBeGreaterThan(0);
    }
    for (const dl of d.downlinks)
      for (const id of dl.acquisitionIds) expect(acq.has(id), `downlink carries ${id}`).toBe(true);

    // The stored version, read back as the planner's plan, passes the independent verifier.
    const store = s.app.sahelsat.store;
    const stored = await store.plans.version(res.planId, 1);
    const back = planFromStored(
      stored!.details as StoredPlanDetails,
      await store.plans.versionAcquisitionsAll(res.planId, 1),
    );
    const { scenario } = await loadScenario(store, {
      startMs: Date.parse(HORIZON_START),
      horizonH: 24,
    });
    expect(verifyPlan(scenario, back)).toEqual({ valid: true, violations: [] });

    // Requests moved as the lifecycle says.
    for (const [id, o] of outcomes) {
      const r = await ok('admin-aes', 'GET', `/api/v1/requests/${id}`).catch(() => null);
      const viewer = r ?? (await ok('admin-ml', 'GET', `/api/v1/requests/${id}`));
      const served = asMl.acquisitions.some((a: { requestId: string }) => a.requestId === id);
      if (served) expect(viewer.status, id).toBe('planned');
      else expect(['feasible', 'infeasible'], `${id} ${o.status}`).toContain(viewer.status);
    }
    const late = await ok('analyst-ne', 'GET', `/api/v1/requests/${ids.late}`);
    expect(late.status).toBe('submitted');

    // Audited in the chain, and announced on the live bus.
    const audit = await ok('admin-aes', 'GET', `/api/v1/audit?entityId=${res.planId}`);
    expect(audit.map((e: { action: string }) => e.action)).toContain('plan.create');
    const settingsAudit = await ok('admin-aes', 'GET', '/api/v1/audit?entityType=settings');
    expect(
      settingsAudit.some((e: { details: { jobId?: string } }) => e.details.jobId === job.id),
    ).toBe(true);
    expect((await ok('admin-aes', 'GET', '/api/v1/audit/verify')).ok).toBe(true);
    for (let i = 0; i < 50 && !seen.some((e) => e.type === 'plan.version'); i++)
      await new Promise((r) => setTimeout(r, 100));
    off();
    expect(seen.find((e) => e.type === 'plan.version')?.data).toMatchObject({
      planId: res.planId,
      version: 1,
      jobId: job.id,
    });
    // The balance carried to the next day is stored.
    const settings = await ok('viewer-ne', 'GET', '/api/v1/settings');
    expect(settings.planningBalance.asOf).toBe('2026-01-21T00:00:00.000Z');
  });

  it('a second job adds a version to the same plan', async () => {
    const job = await ok('admin-ml', 'POST', '/api/v1/jobs', {
      type: 'planning',
      params: { reason: 'replan', planId: ids.plan, start: HORIZON_START, timeLimitS: 1 },
    });
    const done = await waitJob(job.id, 'admin-ml');
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.result.version).toBe(2);
    const versions = await ok('viewer-bf', 'GET', `/api/v1/plans/${ids.plan}/versions`);
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('a running planning job reports progress and stops soon after it is cancelled', async () => {
    const job = await ok('operator-bf', 'POST', '/api/v1/jobs', {
      type: 'planning',
      params: { reason: 'long run', start: HORIZON_START, timeLimitS: 120 },
    });
    let j = job;
    for (let i = 0; i < 300 && !(j.status === 'running' && j.progress > 0); i++) {
      await new Promise((r) => setTimeout(r, 100));
      j = await ok('operator-bf', 'GET', `/api/v1/jobs/${job.id}`);
    }
    expect(j.status).toBe('running');
    expect(j.progressMessage).toEqual(expect.any(String));
    const t = performance.now();
    await ok('operator-bf', 'POST', `/api/v1/jobs/${job.id}/cancel`);
    const done = await waitJob(job.id, 'operator-bf');
    expect(done.status).toBe('cancelled');
    // Far sooner than its 120 s budget: the planner saw the stop flag between two slices.
    expect(performance.now() - t).toBeLessThan(10_000);
    const plan = await ok('viewer-bf', 'GET', `/api/v1/plans/${ids.plan}`);
    expect(plan.latestVersion).toBe(2);
  });

  it('stale element sets fail the job at once with the planner’s reason, never an empty plan', async () => {
    const job = await ok('operator-ml', 'POST', '/api/v1/jobs', {
      type: 'planning',
      params: { reason: 'too far from the element sets', start: '2026-06-01T00:00:00Z' },
    });
    const done = await waitJob(job.id, 'operator-ml');
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(1);
    expect(done.error.code).toBe('prepare-failed');
    expect(done.error.message).toMatch(/TLE epoch more than 60 days/);
  });

  it('bad planning parameters are located 400s; analysts may not plan', async () => {
    const job = (params: unknown, user = 'operator-ml') =>
      call(user, 'POST', '/api/v1/jobs', { type: 'planning', params });
    const cases: Array<[unknown, string, RegExp]> = [
      [{ reason: 'x', satellites: ['no-such-sat'] }, 'body.params.satellites.0', /no satellite/],
      [{ reason: 'x', satellites: ['sahel-com-1'] }, 'body.params.satellites.0', /cannot image/],
      [{ reason: 'x', horizonH: 500 }, 'body.params.horizonH', /./],
      [{ reason: 'x', planId: 'nope' }, 'body.params.planId', /no such plan/],
      [{ reason: 'x', start: 'tomorrow' }, 'body.params.start', /./],
      [{ horizonH: 24 }, 'body.params.reason', /./],
    ];
    for (const [params, path, message] of cases) {
      const r = await job(params);
      expect(r.statusCode, JSON.stringify(params)).toBe(400);
      const issue = r.json().error.issues[0];
      expect(issue.path).toBe(path);
      expect(issue.message).toMatch(message);
    }
    expect((await job({ reason: 'x' }, 'analyst-ml')).statusCode).toBe(403);
  });

  it('feasibility of a draft and of a stored request: earliest acquisition, delivery, opportunities', async () => {
    const centre = feature('regions', 'BF-03');
    // Three days: the demo satellites are built at the seeding day, and one day over a single
    // region may hold no opportunity at all, whatever their phase.
    const r = await call('analyst-bf', 'POST', '/api/v1/feasibility', {
      aoi: centre.geometry,
      window: FEAS_WINDOW,
      sensorType: 'any',
      priority: 2,
    });
    expect(r.statusCode, r.body).toBe(200);
    const f = r.json();
    expect(f.opportunities.length).toBeGreaterThan(0);
    for (const o of f.opportunities) {
      expect(Date.parse(o.start)).toBeGreaterThanOrEqual(Date.parse(FEAS_WINDOW.start) - 60_000);
      expect(Date.parse(o.end)).toBeLessThanOrEqual(Date.parse(FEAS_WINDOW.end) + 60_000);
    }
    if (f.feasible) {
      expect(f.earliestAcquisition).not.toBeNull();
      const at = Date.parse(f.earliestAcquisition.start);
      expect(at).toBeGreaterThanOrEqual(Date.parse(FEAS_WINDOW.start));
      expect(at).toBeLessThan(Date.parse(FEAS_WINDOW.end));
      if (f.earliestDelivery) expect(Date.parse(f.earliestDelivery.at)).toBeGreaterThan(at);
      // the verdict says what sets the earliest acquisition (and delivery) first
      expect(f.summary).toMatch(
        new RegExp(
          `^feasible: next access of ${f.earliestAcquisition.satelliteId} at ${f.earliestAcquisition.start}`,
        ),
      );
      if (f.earliestDelivery)
        expect(f.summary).toContain(
          `delivery at ${f.earliestDelivery.at}, at the next downlink of ${f.earliestDelivery.satelliteId} at ${f.earliestDelivery.stationId}`,
        );
      // binding reasons only for what is out of reach; per-satellite limits are detail
      if (f.coverableFraction === 1 && f.earliestDelivery) expect(f.reasons).toEqual([]);
    } else {
      expect(f.reasons.length).toBeGreaterThan(0);
      expect(f.summary).toMatch(/^infeasible because /);
    }
    for (const x of f.satelliteLimits)
      for (const r of x.reasons) expect(typeof r.message).toBe('string');
    // A stored request: the same answer shape; hidden from other nations when private.
    const mine = await call('viewer-ml', 'GET', `/api/v1/requests/${ids.mlBamako}/feasibility`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(typeof mine.json().feasible).toBe('boolean');
    // in French when asked: the same verdict, translated
    const fr = await s.app.inject({
      method: 'GET',
      url: `/api/v1/requests/${ids.mlBamako}/feasibility`,
      headers: { ...bearer(tokens.get('viewer-ml')!), 'accept-language': 'fr-FR,fr;q=0.9' },
    });
    expect(fr.statusCode, fr.body).toBe(200);
    expect(fr.json().summary).toMatch(
      mine.json().feasible ? /^faisable : prochain accès de / : /^non faisable car /,
    );
    expect(
      (await call('viewer-bf', 'GET', `/api/v1/requests/${ids.mlBamako}/feasibility`)).statusCode,
    ).toBe(404);
    // Viewers may not assess drafts (they cannot write requests).
    expect(
      (
        await call('viewer-bf', 'POST', '/api/v1/feasibility', {
          aoi: centre.geometry,
          window: WINDOW,
          sensorType: 'any',
          priority: 2,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('an emergency repairs the current version within seconds and reports what it displaced', async () => {
    const mopti = layer('towns').find((f) => f.properties.name === 'Mopti')!;
    const urgent = await newRequest('analyst-ml', {
      title: 'Flood at Mopti',
      aoi: mopti.geometry,
      priority: 1,
    });
    const before = await ok('operator-ne', 'GET', `/api/v1/plans/${ids.plan}`);
    const t = performance.now();
    const r = await call('operator-ne', 'POST', `/api/v1/plans/${ids.plan}/emergency`, {
      requestId: urgent,
      reason: 'flood at Mopti',
    });
    const elapsedMs = performance.now() - t;
    expect(r.statusCode, r.body).toBe(201);
    expect(elapsedMs).toBeLessThan(15_000);
    const v = r.json();
    expect(v.version.version).toBe(before.version.version + 1);
    expect(v.version.reason).toBe('emergency: flood at Mopti');
    expect(Array.isArray(v.version.details.displaced)).toBe(true);
    // What was displaced was in the version before.
    const previous = new Set(before.acquisitions.map((a: { id: string }) => a.id));
    for (const d of v.version.details.displaced) expect(previous.has(d.acquisitionId)).toBe(true);
    const outcome = v.version.details.requests.find(
      (x: { requestId: string }) => x.requestId === urgent,
    );
    expect(outcome).toBeDefined();
    const served = v.acquisitions.some((a: { requestId: string }) => a.requestId === urgent);
    expect(served).toBe(outcome.status !== 'unplanned');
    // The repaired version passes the planner's independent verifier too.
    const store = s.app.sahelsat.store;
    const stored = await store.plans.version(ids.plan!, v.version.version);
    const { scenario } = await loadScenario(store, {
      startMs: Date.parse(HORIZON_START),
      horizonH: 24,
    });
    const back = planFromStored(
      stored!.details as StoredPlanDetails,
      await store.plans.versionAcquisitionsAll(ids.plan!, v.version.version),
    );
    // (its value counts the urgent request with the emergency weight it was repaired with)
    const flagged = {
      ...scenario,
      requests: scenario.requests.map((r) => (r.id === urgent ? { ...r, emergency: true } : r)),
    };
    expect(verifyPlan(flagged, back)).toEqual({ valid: true, violations: [] });
    const after = await ok('analyst-ml', 'GET', `/api/v1/requests/${urgent}`);
    expect(after.status).toBe(served ? 'planned' : 'feasible');
    const audit = await ok('admin-aes', 'GET', `/api/v1/audit?entityId=${ids.plan}`);
    expect(audit.map((e: { action: string }) => e.action)).toContain('plan.emergency');
    // Hand-made plans cannot be repaired by the planner.
    const hand = await ok('operator-ml', 'POST', '/api/v1/plans', {
      name: 'by hand',
      reason: 'test',
      horizon: WINDOW,
      acquisitions: [],
    });
    const refused = await call('operator-ml', 'POST', `/api/v1/plans/${hand.id}/emergency`, {
      requestId: urgent,
      reason: 'flood',
    });
    expect(refused.statusCode).toBe(409);
  });

  it('entitlements and fairness come from the settings; the balance carries to the next day only', async () => {
    const zero = await call('admin-aes', 'PUT', '/api/v1/settings', {
      planningEntitlements: { ML: 0, BF: 0, NE: 0 },
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.issues[0].path).toBe('body.planningEntitlements');
    const asOperator = await call('operator-ml', 'PUT', '/api/v1/settings', {
      planningFairness: 'none',
    });
    expect(asOperator.statusCode).toBe(403);
    await ok('admin-aes', 'PUT', '/api/v1/settings', {
      planningEntitlements: { ML: 2, BF: 1, NE: 1 },
      planningFairness: 'quotas',
    });
    const store = s.app.sahelsat.store;
    const settings = await ok('viewer-ml', 'GET', '/api/v1/settings');
    const nextDay = await loadScenario(store, {
      startMs: Date.parse(settings.planningBalance.asOf),
      horizonH: 24,
    });
    expect(nextDay.scenario.nations).toEqual({
      ML: { entitlement: 2 },
      BF: { entitlement: 1 },
      NE: { entitlement: 1 },
    });
    expect(nextDay.scenario.fairness).toBe('quotas');
    expect(nextDay.scenario.balance).toEqual(settings.planningBalance.balance);
    // Re-planning the day already planned starts from the balance that day started from.
    const sameDay = await loadScenario(store, { startMs: Date.parse(HORIZON_START), horizonH: 24 });
    expect(sameDay.scenario.balance).toEqual(settings.planningBalance.basis);
    expect(Object.keys(settings.planningBalance.balance).sort()).toEqual(['BF', 'ML', 'NE']);
  });

  it('feasibility and emergency inputs are checked before any computation', async () => {
    const strip = feature('border-strips', 'border:MLI-CIV@MLI');
    const bad = await call('analyst-ml', 'POST', '/api/v1/feasibility', {
      aoi: strip.geometry,
      window: { start: '2026-01-21T00:00:00Z', end: '2026-01-20T00:00:00Z' },
      sensorType: 'optical',
      priority: 2,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('body.window.end');
    const unknown = await call('operator-ml', 'POST', `/api/v1/plans/${ids.plan}/emergency`, {
      requestId: 'nope',
      reason: 'flood',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0].path).toBe('body.requestId');
    // Burkina Faso cannot name Mali's private request: it does not exist for them.
    const hidden = await call('operator-bf', 'POST', `/api/v1/plans/${ids.plan}/emergency`, {
      requestId: ids.mlStrip,
      reason: 'flood',
    });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.body).not.toContain(ids.mlStrip);
    expect(
      (
        await call('viewer-ml', 'POST', `/api/v1/plans/${ids.plan}/emergency`, {
          requestId: ids.mlStrip,
          reason: 'flood',
        })
      ).statusCode,
    ).toBe(403);
  });
});
