/**
 * The authorisation matrix: every endpoint × every role × every nation (and no credentials),
 * against an expectation table written here from the rules of docs/server.md, not derived from
 * the code. Items released to one nation must answer 404 (never 403) to the others and be
 * absent from their lists, counts and the live socket. A final check fails when an endpoint
 * exists that no case covers.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { NATIONS, ROLES, type Nation, type Role } from '../../src/store/index.js';
import { testBackends } from '../support/backends.js';
import { referencePath } from '../support/reference.js';
import { alertMatrixCases } from './matrix-alerts.js';
import { layerMatrixCases } from './matrix-layers.js';
import {
  type TestServer,
  USER_PASSWORD,
  bearer,
  createUsers,
  requestBody,
  startServer,
} from '../support/server.js';

const backends = await testBackends();

interface U {
  readonly username: string;
  readonly role: Role;
  readonly nation: Nation;
  readonly token: string;
}

interface Call {
  readonly url: string;
  readonly payload?: unknown;
  readonly headers?: Record<string, string>;
  readonly token?: string;
}

interface Case {
  /** `METHOD /api/v1/pattern`, as the router knows it. */
  readonly route: string;
  readonly note?: string;
  /** Builds the call for one user (fresh fixtures when the call changes state). */
  readonly call: (u: U) => Promise<Call> | Call;
  readonly expect: (u: U) => number;
  /** Extra checks on a successful answer (what a list shows). */
  readonly check?: (u: U, body: unknown) => void;
  /** Public route: no 401 without credentials. */
  readonly public?: true;
}

const ALL = () => 200;
const station = (latitudeDeg: number, longitudeDeg: number, antennaDiameterM: number) => ({
  latitudeDeg,
  longitudeDeg,
  altitudeM: 300,
  antennaDiameterM,
  efficiency: 0.65,
  tauDeg: 45,
  climate: {
    r001MmH: 70,
    rainHeightKm: 4.9,
    temperatureK: 300,
    waterVapourDensityGm3: 15,
    vtKgM2: 40,
    pressureHpa: 970,
    nWet: 80,
    cloudLiquidKgM2: 0.5,
  },
});
/** A Ku-band forward link with its climate given, so the server needs no ITU-R maps. */
const telecomLink = {
  name: 'Bamako hub to Gao terminal',
  satelliteLongitudeDeg: -1,
  transmitter: station(12.65, -8, 7.3),
  receiver: station(16.27, -0.04, 1.2),
  uplinkFrequencyGhz: 14.25,
  downlinkFrequencyGhz: 11.7,
  uplinkEirpDbw: 70,
  satelliteGtDbK: 5,
  satelliteEirpDbw: 50,
  receiverGtDbK: 17,
  symbolRateMbd: 10,
  rolloff: 0.2,
  standard: 'DVB-S2',
  implementationMarginDb: 0.5,
  availabilityPercent: 99.5,
};
const is = (u: U, ...roles: Role[]) => roles.includes(u.role);
/** A small availability map (4 × 4 sites around Bamako). */
const mapBody = {
  link: { ...telecomLink, receiver: { ...telecomLink.receiver, climate: undefined } },
  bbox: [-8.5, 12, -7, 13.5],
  resolutionDeg: 0.5,
};

describe.each(backends)('authorisation matrix on $name', (backend) => {
  let s: TestServer;
  let users: Map<string, U>;
  const fx: Record<string, string> = {};
  const tokenOf = (name: string) => users.get(name)!.token;
  const api = async (name: string, method: string, url: string, payload?: unknown) => {
    const r = await s.app.inject({
      method: method as 'GET',
      url,
      headers: bearer(tokenOf(name)),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    if (r.statusCode >= 300) throw new Error(`${name} ${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const newRequest = async (
    owner: string,
    releasability: string,
    status: 'draft' | 'submitted' | 'feasible',
  ) => {
    const r = await api(
      owner,
      'POST',
      '/api/v1/requests',
      requestBody({ releasability, title: `${owner} ${releasability}` }),
    );
    if (status !== 'draft')
      await api(owner, 'POST', `/api/v1/requests/${r.id}/transitions`, { to: 'submitted' });
    // Assessed by the owner nation's operator: a nation-released request exists only for its nation.
    if (status === 'feasible')
      await api(`operator-${owner.split('-')[1]}`, 'POST', `/api/v1/requests/${r.id}/transitions`, {
        to: 'feasible',
      });
    return r.id as string;
  };
  const productBody = (releasability: string) => ({
    type: 'flood',
    title: `matrix ${releasability}`,
    acquiredAt: '2026-08-01T10:00:00Z',
    releasability,
    geometry: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: requestBody().aoi }],
    },
  });
  const horizon = { start: '2026-03-20T00:00:00Z', end: '2026-03-21T00:00:00Z' };
  const acq = (requestId?: string) => ({
    ...(requestId ? { requestId } : {}),
    satelliteId: fx.sat!,
    start: '2026-03-20T10:00:00Z',
    end: '2026-03-20T10:00:20Z',
  });
  const newPlan = async (requestId?: string, planner = 'admin-aes') =>
    api(planner, 'POST', '/api/v1/plans', {
      name: 'p',
      reason: 'matrix',
      horizon,
      acquisitions: [acq(requestId)],
    });
  const newJob = async (owner: string, releasability: string) =>
    (
      await api(owner, 'POST', '/api/v1/jobs', {
        type: 'ephemeris',
        releasability,
        params: {
          satellite: fx.sat,
          start: '2026-03-20T00:00:00Z',
          end: '2026-03-20T01:00:00Z',
          stepS: 60,
        },
      })
    ).id as string;

  beforeAll(async () => {
    // The matrix logs in hundreds of times; the login rate limit is tested in api.test.ts.
    s = await startServer(backend, {
      loginRateLimit: { max: 100_000, windowMs: 60_000 },
      iturMapsDir: referencePath('itur', 'maps-sahel'),
    });
    const created = await createUsers(s);
    users = new Map([...created].map(([username, x]) => [username, { username, ...x }]));
    const tle = readFileSync(referencePath('tle', 'sahel-eo-leo-50.tle'), 'utf8');
    await api('operator-aes', 'POST', '/api/v1/satellites/import', { format: 'tle', text: tle });
    fx.sat = (await api('viewer-ml', 'GET', '/api/v1/satellites'))[0].id;
    fx.tle = tle.split('\n').slice(0, 3).join('\n');
    fx.reqMlNation = await newRequest('analyst-ml', 'nation', 'feasible');
    fx.reqBfAlliance = await newRequest('analyst-bf', 'alliance', 'feasible');
    const plan = await api('operator-ml', 'POST', '/api/v1/plans', {
      name: 'Matrix plan',
      reason: 'fixture',
      horizon,
      acquisitions: [acq(fx.reqMlNation), acq(fx.reqBfAlliance)],
    });
    fx.plan = plan.id;
    fx.acqMl = plan.acquisitions.find(
      (a: { requestId: string }) => a.requestId === fx.reqMlNation,
    ).id;
    fx.aoiMl = (
      await api('analyst-ml', 'POST', '/api/v1/aois', {
        name: 'Mopti',
        geometry: requestBody().aoi,
        releasability: 'nation',
      })
    ).id;
    fx.jobMl = await newJob('analyst-ml', 'nation');
    // queued, never run (no job threads here): its files answer 409 to those who may see it
    fx.mapMl = (await api('viewer-ml', 'POST', '/api/v1/telecom/availability-maps', mapBody)).id;
    fx.productMl = (await api('analyst-ml', 'POST', '/api/v1/products', productBody('nation'))).id;
    fx.targetMl = (
      await api('admin-aes', 'POST', '/api/v1/users', {
        username: 'target-ml',
        password: USER_PASSWORD,
        role: 'viewer',
        nation: 'ML',
      })
    ).id;
  });
  afterAll(() => s?.close());

  let serial = 0;
  const CASES: Case[] = [
    {
      route: 'GET /api/v1/health',
      public: true,
      call: () => ({ url: '/api/v1/health' }),
      expect: ALL,
    },
    {
      route: 'POST /api/v1/auth/login',
      public: true,
      call: (u) => ({
        url: '/api/v1/auth/login',
        payload: { username: u.username, password: USER_PASSWORD },
      }),
      expect: ALL,
    },
    { route: 'GET /api/v1/auth/me', call: () => ({ url: '/api/v1/auth/me' }), expect: ALL },
    {
      route: 'POST /api/v1/auth/logout',
      call: async (u) => ({
        url: '/api/v1/auth/logout',
        token: await s.login(u.username, USER_PASSWORD),
      }),
      expect: ALL,
    },
    {
      route: 'POST /api/v1/auth/password',
      note: 'wrong current password',
      call: () => ({
        url: '/api/v1/auth/password',
        payload: { currentPassword: 'not it at all', newPassword: 'whatever 123456' },
      }),
      expect: () => 400,
    },
    { route: 'GET /api/v1/sessions', call: () => ({ url: '/api/v1/sessions' }), expect: ALL },
    {
      route: 'DELETE /api/v1/sessions/:id',
      note: 'a session of target-ml',
      call: async () => {
        const t = await s.login('target-ml', USER_PASSWORD);
        const me = (await s.app.inject({ url: '/api/v1/auth/me', headers: bearer(t) })).json();
        return { url: `/api/v1/sessions/${me.session.id}` };
      },
      expect: (u) => (u.role === 'admin' && (u.nation === 'ML' || u.nation === 'AES') ? 200 : 404),
    },
    {
      route: 'GET /api/v1/users',
      call: () => ({ url: '/api/v1/users' }),
      expect: (u) => (is(u, 'admin') ? 200 : 403),
      check: (u, body) => {
        for (const x of body as Array<{ nation: string }>)
          expect(u.nation === 'AES' || x.nation === u.nation).toBe(true);
      },
    },
    {
      route: 'POST /api/v1/users',
      note: 'an ML user',
      call: () => ({
        url: '/api/v1/users',
        payload: {
          username: `new-${serial++}`,
          password: USER_PASSWORD,
          role: 'viewer',
          nation: 'ML',
        },
      }),
      expect: (u) => (is(u, 'admin') && (u.nation === 'ML' || u.nation === 'AES') ? 201 : 403),
    },
    {
      route: 'GET /api/v1/users/:id',
      note: 'target-ml',
      call: () => ({ url: `/api/v1/users/${fx.targetMl}` }),
      expect: (u) => (!is(u, 'admin') ? 403 : u.nation === 'ML' || u.nation === 'AES' ? 200 : 404),
    },
    {
      route: 'PATCH /api/v1/users/:id',
      note: 'target-ml',
      call: () => ({ url: `/api/v1/users/${fx.targetMl}`, payload: { role: 'viewer' } }),
      expect: (u) => (!is(u, 'admin') ? 403 : u.nation === 'ML' || u.nation === 'AES' ? 200 : 404),
    },
    { route: 'GET /api/v1/satellites', call: () => ({ url: '/api/v1/satellites' }), expect: ALL },
    {
      route: 'POST /api/v1/satellites/import',
      call: () => ({ url: '/api/v1/satellites/import', payload: { format: 'tle', text: fx.tle } }),
      expect: (u) => (is(u, 'operator', 'admin') ? 200 : 403),
    },
    {
      route: 'GET /api/v1/satellites/:id',
      call: () => ({ url: `/api/v1/satellites/${fx.sat}` }),
      expect: ALL,
    },
    {
      route: 'GET /api/v1/satellites/:id/element-sets',
      call: () => ({ url: `/api/v1/satellites/${fx.sat}/element-sets` }),
      expect: ALL,
    },
    { route: 'GET /api/v1/stations', call: () => ({ url: '/api/v1/stations' }), expect: ALL },
    {
      route: 'GET /api/v1/stations/:id',
      call: () => ({ url: '/api/v1/stations/bamako' }),
      expect: ALL,
    },
    { route: 'GET /api/v1/sensors', call: () => ({ url: '/api/v1/sensors' }), expect: ALL },
    { route: 'GET /api/v1/layers', call: () => ({ url: '/api/v1/layers' }), expect: ALL },
    {
      route: 'GET /api/v1/layers/:id',
      call: () => ({ url: '/api/v1/layers/towns' }),
      expect: ALL,
    },
    {
      route: 'GET /api/v1/element-sets/latest',
      call: () => ({ url: '/api/v1/element-sets/latest' }),
      expect: ALL,
    },
    {
      route: 'GET /api/v1/aois',
      call: () => ({ url: '/api/v1/aois' }),
      expect: ALL,
      check: (u, body) =>
        expect((body as Array<{ id: string }>).some((a) => a.id === fx.aoiMl)).toBe(
          u.nation === 'ML',
        ),
    },
    {
      route: 'POST /api/v1/aois',
      call: () => ({
        url: '/api/v1/aois',
        payload: { name: 'x', geometry: requestBody().aoi, releasability: 'alliance' },
      }),
      expect: (u) => (is(u, 'viewer') ? 403 : 201),
    },
    {
      route: 'GET /api/v1/aois/:id',
      note: 'ML, nation',
      call: () => ({ url: `/api/v1/aois/${fx.aoiMl}` }),
      expect: (u) => (u.nation === 'ML' ? 200 : 404),
    },
    {
      route: 'GET /api/v1/access',
      call: () => ({ url: '/api/v1/access?point=12.64,-8&hours=6&start=2026-03-19T00:00:00Z' }),
      expect: ALL,
    },
    {
      route: 'GET /api/v1/access',
      note: 'ML, nation area',
      call: () => ({
        url: `/api/v1/access?aoi=${fx.aoiMl}&hours=6&start=2026-03-19T00:00:00Z`,
      }),
      expect: (u) => (u.nation === 'ML' ? 200 : 404),
    },
    {
      route: 'GET /api/v1/passes',
      call: () => ({ url: '/api/v1/passes?station=bamako&hours=6&start=2026-03-19T00:00:00Z' }),
      expect: ALL,
    },
    {
      route: 'GET /api/v1/requests',
      call: () => ({ url: '/api/v1/requests?limit=500' }),
      expect: ALL,
      check: (u, body) => {
        const b = body as {
          items: Array<{ id: string; ownerNation: string; releasability: string }>;
          total: number;
        };
        expect(b.items.some((r) => r.id === fx.reqMlNation)).toBe(u.nation === 'ML');
        expect(b.items.some((r) => r.id === fx.reqBfAlliance)).toBe(true);
        for (const r of b.items)
          expect(r.releasability === 'alliance' || r.ownerNation === u.nation).toBe(true);
        expect(b.total).toBe(b.items.length);
      },
    },
    {
      route: 'GET /api/v1/requests',
      note: 'search by title',
      call: () => ({ url: '/api/v1/requests?q=analyst-ml%20nation' }),
      expect: ALL,
      check: (u, body) => expect((body as { total: number }).total > 0).toBe(u.nation === 'ML'),
    },
    {
      route: 'GET /api/v1/requests/summary',
      call: () => ({ url: '/api/v1/requests/summary' }),
      expect: ALL,
      check: (u, body) => {
        const visible = (body as { total: number }).total;
        // What the caller can see, counted independently from the fixtures created so far.
        expect(visible).toBeGreaterThan(0);
        if (u.nation === 'NE')
          expect((body as { byStatus: Record<string, number> }).byStatus.planned).toBe(1);
        if (u.nation === 'ML')
          expect((body as { byStatus: Record<string, number> }).byStatus.planned).toBe(2);
      },
    },
    {
      route: 'POST /api/v1/requests',
      call: () => ({
        url: '/api/v1/requests',
        payload: requestBody({ releasability: 'alliance', title: 'matrix create' }),
      }),
      expect: (u) => (is(u, 'analyst', 'admin') ? 201 : 403),
    },
    {
      route: 'GET /api/v1/requests/:id',
      note: 'ML, nation',
      call: () => ({ url: `/api/v1/requests/${fx.reqMlNation}` }),
      expect: (u) => (u.nation === 'ML' ? 200 : 404),
    },
    {
      route: 'GET /api/v1/requests/:id',
      note: 'BF, alliance',
      call: () => ({ url: `/api/v1/requests/${fx.reqBfAlliance}` }),
      expect: ALL,
    },
    {
      route: 'PATCH /api/v1/requests/:id',
      note: 'ML, nation, draft',
      call: async () => ({
        url: `/api/v1/requests/${await newRequest('analyst-ml', 'nation', 'draft')}`,
        payload: { priority: 1 },
      }),
      expect: (u) => (u.nation !== 'ML' ? 404 : is(u, 'analyst', 'admin') ? 200 : 403),
    },
    {
      route: 'PATCH /api/v1/requests/:id',
      note: 'BF, alliance, draft',
      call: async () => ({
        url: `/api/v1/requests/${await newRequest('analyst-bf', 'alliance', 'draft')}`,
        payload: { priority: 1 },
      }),
      expect: (u) => (u.nation === 'BF' && is(u, 'analyst', 'admin') ? 200 : 403),
    },
    {
      route: 'POST /api/v1/requests/:id/transitions',
      note: 'submit an ML nation draft',
      call: async () => ({
        url: `/api/v1/requests/${await newRequest('analyst-ml', 'nation', 'draft')}/transitions`,
        payload: { to: 'submitted' },
      }),
      expect: (u) => (u.nation !== 'ML' ? 404 : is(u, 'analyst', 'admin') ? 200 : 403),
    },
    {
      route: 'POST /api/v1/requests/:id/transitions',
      note: 'assess a BF alliance request',
      call: async () => ({
        url: `/api/v1/requests/${await newRequest('analyst-bf', 'alliance', 'submitted')}/transitions`,
        payload: { to: 'feasible' },
      }),
      expect: (u) => (is(u, 'operator', 'admin') ? 200 : 403),
    },
    {
      route: 'POST /api/v1/requests/:id/transitions',
      note: 'cancel a BF alliance request',
      call: async () => ({
        url: `/api/v1/requests/${await newRequest('analyst-bf', 'alliance', 'submitted')}/transitions`,
        payload: { to: 'cancelled' },
      }),
      expect: (u) =>
        is(u, 'operator', 'admin') || (u.nation === 'BF' && is(u, 'analyst')) ? 200 : 403,
    },
    { route: 'GET /api/v1/plans', call: () => ({ url: '/api/v1/plans' }), expect: ALL },
    {
      route: 'POST /api/v1/plans',
      call: () => ({
        url: '/api/v1/plans',
        payload: { name: 'x', reason: 'matrix', horizon, acquisitions: [acq()] },
      }),
      expect: (u) => (is(u, 'operator', 'admin') ? 201 : 403),
    },
    {
      route: 'GET /api/v1/plans/:id',
      call: () => ({ url: `/api/v1/plans/${fx.plan}` }),
      expect: ALL,
      check: (u, body) =>
        expect((body as { acquisitions: unknown[] }).acquisitions).toHaveLength(
          u.nation === 'ML' ? 2 : 1,
        ),
    },
    {
      route: 'GET /api/v1/plans/:id/versions',
      call: () => ({ url: `/api/v1/plans/${fx.plan}/versions` }),
      expect: ALL,
    },
    {
      route: 'GET /api/v1/plans/:id/versions/:version',
      call: () => ({ url: `/api/v1/plans/${fx.plan}/versions/1` }),
      expect: ALL,
      check: (u, body) =>
        expect((body as { acquisitions: unknown[] }).acquisitions).toHaveLength(
          u.nation === 'ML' ? 2 : 1,
        ),
    },
    {
      route: 'POST /api/v1/plans/:id/versions',
      call: async () => ({
        url: `/api/v1/plans/${(await newPlan()).id}/versions`,
        payload: { reason: 'again', horizon, acquisitions: [acq()] },
      }),
      expect: (u) => (is(u, 'operator', 'admin') ? 201 : 403),
    },
    {
      route: 'GET /api/v1/acquisitions',
      call: () => ({ url: `/api/v1/acquisitions?plan=${fx.plan}` }),
      expect: ALL,
      check: (u, body) => expect((body as { total: number }).total).toBe(u.nation === 'ML' ? 2 : 1),
    },
    {
      route: 'GET /api/v1/acquisitions/:id',
      note: 'ML, nation',
      call: () => ({ url: `/api/v1/acquisitions/${fx.acqMl}` }),
      expect: (u) => (u.nation === 'ML' ? 200 : 404),
    },
    {
      route: 'POST /api/v1/acquisitions/:id/status',
      note: 'ML, nation',
      call: async () => {
        const plan = await newPlan(
          await newRequest('analyst-ml', 'nation', 'feasible'),
          'operator-ml',
        );
        return {
          url: `/api/v1/acquisitions/${plan.acquisitions[0].id}/status`,
          payload: { status: 'acquired' },
        };
      },
      expect: (u) => (u.nation !== 'ML' ? 404 : is(u, 'operator', 'admin') ? 200 : 403),
    },
    {
      route: 'POST /api/v1/acquisitions/:id/status',
      note: 'no request (alliance)',
      call: async () => ({
        url: `/api/v1/acquisitions/${(await newPlan()).acquisitions[0].id}/status`,
        payload: { status: 'acquired' },
      }),
      expect: (u) => (is(u, 'operator', 'admin') ? 200 : 403),
    },
    {
      route: 'GET /api/v1/jobs',
      call: () => ({ url: '/api/v1/jobs?limit=500' }),
      expect: ALL,
      check: (u, body) =>
        expect(
          (body as { items: Array<{ id: string }> }).items.some((j) => j.id === fx.jobMl),
        ).toBe(u.nation === 'ML'),
    },
    {
      route: 'POST /api/v1/jobs',
      call: () => ({
        url: '/api/v1/jobs',
        payload: {
          type: 'ephemeris',
          params: {
            satellite: fx.sat,
            start: '2026-03-20T00:00:00Z',
            end: '2026-03-20T00:10:00Z',
            stepS: 60,
          },
        },
      }),
      expect: (u) => (is(u, 'viewer') ? 403 : 202),
    },
    {
      route: 'GET /api/v1/jobs/:id',
      note: 'ML, nation',
      call: () => ({ url: `/api/v1/jobs/${fx.jobMl}` }),
      expect: (u) => (u.nation === 'ML' ? 200 : 404),
    },
    {
      route: 'POST /api/v1/jobs/:id/cancel',
      note: 'ML, nation',
      call: async () => ({ url: `/api/v1/jobs/${await newJob('analyst-ml', 'nation')}/cancel` }),
      expect: (u) => (u.nation !== 'ML' ? 404 : is(u, 'viewer') ? 403 : 200),
    },
    ...alertMatrixCases(api),
    ...layerMatrixCases(api),
    {
      route: 'POST /api/v1/products',
      call: () => ({ url: '/api/v1/products', payload: productBody('alliance') }),
      expect: (u) => (is(u, 'viewer') ? 403 : 201),
    },
    {
      route: 'GET /api/v1/products',
      call: () => ({ url: '/api/v1/products?limit=500' }),
      expect: ALL,
      check: (u, body) =>
        expect(
          (body as { items: Array<{ id: string }> }).items.some((p) => p.id === fx.productMl),
        ).toBe(u.nation === 'ML'),
    },
    {
      route: 'GET /api/v1/products/:id',
      note: 'ML, nation',
      call: () => ({ url: `/api/v1/products/${fx.productMl}` }),
      expect: (u) => (u.nation === 'ML' ? 200 : 404),
    },
    {
      route: 'GET /api/v1/products/:id/geometry',
      note: 'ML, nation',
      call: () => ({ url: `/api/v1/products/${fx.productMl}/geometry` }),
      expect: (u) => (u.nation === 'ML' ? 200 : 404),
    },
    {
      route: 'GET /api/v1/products/:id/stats.csv',
      note: 'ML, nation',
      call: () => ({ url: `/api/v1/products/${fx.productMl}/stats.csv` }),
      expect: (u) => (u.nation === 'ML' ? 200 : 404),
    },
    {
      route: 'GET /api/v1/audit',
      call: () => ({ url: '/api/v1/audit?limit=1000' }),
      expect: (u) => (is(u, 'admin') ? 200 : 403),
      check: (u, body) => {
        for (const e of body as Array<{ entityId: string }>) {
          if (e.entityId === fx.reqMlNation) expect(u.nation).toBe('ML');
        }
      },
    },
    {
      route: 'GET /api/v1/audit/verify',
      call: () => ({ url: '/api/v1/audit/verify' }),
      expect: (u) => (is(u, 'admin') ? 200 : 403),
    },
    {
      route: 'POST /api/v1/feasibility',
      call: () => ({
        url: '/api/v1/feasibility',
        payload: {
          aoi: requestBody().aoi,
          window: { start: '2026-12-01T00:00:00Z', end: '2026-12-02T00:00:00Z' },
          sensorType: 'any',
          priority: 3,
        },
      }),
      expect: (u) => (is(u, 'viewer') ? 403 : 200),
    },
    {
      route: 'GET /api/v1/requests/:id/feasibility',
      note: 'ML, nation (its window has passed: 409 once visible)',
      call: () => ({ url: `/api/v1/requests/${fx.reqMlNation}/feasibility` }),
      expect: (u) => (u.nation === 'ML' ? 409 : 404),
    },
    {
      route: 'POST /api/v1/plans/:id/emergency',
      note: 'a plan made by hand: 409 once allowed',
      call: () => ({
        url: `/api/v1/plans/${fx.plan}/emergency`,
        payload: { requestId: fx.reqBfAlliance, reason: 'matrix' },
      }),
      expect: (u) => (is(u, 'operator', 'admin') ? 409 : 403),
    },
    {
      route: 'POST /api/v1/telecom/geo-look',
      call: () => ({
        url: '/api/v1/telecom/geo-look',
        payload: { satelliteLongitudeDeg: -1, latitudeDeg: 12.65, longitudeDeg: -8 },
      }),
      expect: ALL,
    },
    {
      route: 'POST /api/v1/telecom/link',
      note: 'climate given (the matrix server has no ITU-R maps)',
      call: () => ({ url: '/api/v1/telecom/link', payload: { links: [telecomLink] } }),
      expect: ALL,
    },
    {
      route: 'POST /api/v1/telecom/availability-maps',
      note: 'a job, released to the caller’s nation',
      call: () => ({ url: '/api/v1/telecom/availability-maps', payload: mapBody }),
      expect: () => 202,
    },
    {
      route: 'GET /api/v1/telecom/availability-maps/:id',
      note: 'ML, nation',
      call: () => ({ url: `/api/v1/telecom/availability-maps/${fx.mapMl}` }),
      expect: (u) => (u.nation === 'ML' ? 200 : 404),
    },
    {
      route: 'GET /api/v1/telecom/availability-maps/:id/map.png',
      note: 'ML, nation, not computed yet',
      call: () => ({ url: `/api/v1/telecom/availability-maps/${fx.mapMl}/map.png` }),
      expect: (u) => (u.nation === 'ML' ? 409 : 404),
    },
    {
      route: 'GET /api/v1/telecom/availability-maps/:id/map.geojson',
      note: 'ML, nation, not computed yet',
      call: () => ({ url: `/api/v1/telecom/availability-maps/${fx.mapMl}/map.geojson` }),
      expect: (u) => (u.nation === 'ML' ? 409 : 404),
    },
    { route: 'GET /api/v1/settings', call: () => ({ url: '/api/v1/settings' }), expect: ALL },
    {
      route: 'PUT /api/v1/settings',
      call: () => ({ url: '/api/v1/settings', payload: { livePositionsIntervalMs: 1000 } }),
      expect: (u) => (is(u, 'admin') ? 200 : 403),
    },
  ];

  it('answers every endpoint × role × nation as the table says', async () => {
    const failures: string[] = [];
    for (const c of CASES) {
      const [method, pattern] = c.route.split(' ') as [string, string];
      for (const role of ROLES) {
        for (const nation of NATIONS) {
          const u = users.get(`${role}-${nation}`.toLowerCase())!;
          const call = await c.call(u);
          const r = await s.app.inject({
            method: method as 'GET',
            url: call.url,
            headers: { ...(c.public ? {} : bearer(call.token ?? u.token)), ...call.headers },
            ...(call.payload !== undefined ? { payload: call.payload as object } : {}),
          });
          const want = c.expect(u);
          if (r.statusCode !== want)
            failures.push(
              `${c.route} ${c.note ?? ''} as ${u.username}: got ${r.statusCode}, expected ${want} (${r.body.slice(0, 120)})`,
            );
          else if (r.statusCode < 300 && c.check) {
            try {
              c.check(u, r.json());
            } catch (err) {
              failures.push(
                `${c.route} ${c.note ?? ''} as ${u.username}: ${(err as Error).message}`,
              );
            }
          }
          if (r.statusCode === 403 && r.body.includes(fx.reqMlNation!))
            failures.push(`${pattern}: a 403 names a hidden item`);
        }
      }
      if (!c.public) {
        const call = await c.call(users.get('viewer-ml')!);
        const anon = await s.app.inject({
          method: method as 'GET',
          url: call.url,
          ...(call.payload !== undefined ? { payload: call.payload as object } : {}),
        });
        if (anon.statusCode !== 401)
          failures.push(`${c.route} without credentials: got ${anon.statusCode}, expected 401`);
      }
    }
    expect(failures).toEqual([]);
    // ~1 000 calls, a few of which compute (link budgets): more than the default on 2 busy cores.
  }, 240_000);

  it('covers every endpoint of the server', () => {
    const covered = new Set([...CASES.map((c) => c.route), 'GET /api/v1/live']);
    const routes = s.app.sahelsat.routes
      .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });

  it('live socket: refuses anonymous clients, and sends each user only the events of items they may see', async () => {
    const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const wsUrl = `${address.replace('http', 'ws')}/api/v1/live`;
    const anon = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(anon).toBe(401);
    const sockets = new Map<
      string,
      { ws: WebSocket; events: Array<{ type: string; data: { requestId?: string } }> }
    >();
    await Promise.all(
      [...users.values()].map(
        (u) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(wsUrl, { headers: bearer(u.token) });
            const events: Array<{ type: string; data: { requestId?: string } }> = [];
            ws.on('message', (raw) => {
              const m = JSON.parse(String(raw));
              if (m.type === 'hello') {
                expect(m.user).toEqual({ username: u.username, role: u.role, nation: u.nation });
                ws.send(JSON.stringify({ type: 'subscribe', positionsIntervalMs: 0 }));
                resolve();
              }
              if (m.type === 'event') events.push(m.event);
            });
            ws.on('error', reject);
            sockets.set(u.username, { ws, events });
          }),
      ),
    );
    const mine = await newRequest('analyst-ml', 'nation', 'submitted');
    const shared = await newRequest('analyst-ne', 'alliance', 'submitted');
    await new Promise((r) => setTimeout(r, 300));
    for (const [name, { events }] of sockets) {
      const nation = users.get(name)!.nation;
      const ids = events.map((e) => e.data.requestId);
      expect(ids.includes(mine), `${name} sees ML's private request events`).toBe(nation === 'ML');
      expect(
        events.filter((e) => e.data.requestId === shared).map((e) => e.type),
        name,
      ).toEqual(['request.created', 'request.status']);
    }
    // Revoking a session closes its socket.
    const target = sockets.get('viewer-bf')!;
    const closed = new Promise<number>((resolve) => target.ws.on('close', (code) => resolve(code)));
    const me = (
      await s.app.inject({ url: '/api/v1/auth/me', headers: bearer(tokenOf('viewer-bf')) })
    ).json();
    await s.app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${me.session.id}`,
      headers: bearer(tokenOf('admin-aes')),
    });
    expect(await closed).toBe(4401);
    for (const { ws } of sockets.values()) ws.close();
  });
});
