/**
 * Alerts on a real server, both backends: rules (CRUD, validation, audit), alerts raised by
 * rules on `product.created` (a ProductDto with real zonal statistics, as the products service
 * announces it) and on requests delivered through the real lifecycle, manual alerts, CAP and
 * feeds, visibility, and the live socket forwarding `alert.created` to its audience only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadBundledZones, zonalStatistics } from '../../src/imaging/zonal.js';
import { testBackends } from '../support/backends.js';
import { capProblems, capValues } from '../support/cap-schema.js';
import {
  type TestServer,
  bearer,
  createUsers,
  requestBody,
  startServer,
} from '../support/server.js';

const backends = await testBackends();
const zones = loadBundledZones();

const square = (w: number, s: number, e: number, n: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

describe.each(backends)('alerts on $name', (backend) => {
  let s: TestServer;
  let users: Awaited<ReturnType<typeof createUsers>>;
  const tok = (name: string) => bearer(users.get(name)!.token);
  const call = async (
    who: string,
    method: string,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    s.app.inject({
      method: method as 'GET',
      url,
      headers: { ...tok(who), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const ok = async (who: string, method: string, url: string, payload?: unknown) => {
    const r = await call(who, method, url, payload);
    if (r.statusCode >= 300) throw new Error(`${who} ${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  /** Announces a product as the products service does, and waits for the rules. */
  const announce = async (
    id: string,
    geometry: GeoJSON.Polygon,
    owner: { ownerNation: 'ML' | 'BF' | 'NE' | 'AES'; releasability: 'nation' | 'alliance' },
    previous: ReturnType<typeof zonalStatistics> | null = null,
    aois: Array<{ id: string; name: string; geometry: GeoJSON.Geometry }> = [],
  ) => {
    const stats = zonalStatistics(
      { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry }] },
      { ...zones, aois },
      { previous },
    );
    const ring = geometry.coordinates[0]!;
    const dto = {
      id,
      type: 'flood',
      title: `Flood map ${id}`,
      createdAt: '2026-09-14T08:00:00.000Z',
      createdBy: 'someone',
      acquiredAt: '2026-09-14T06:30:00.000Z',
      ...owner,
      bbox: [ring[0]![0], ring[0]![1], ring[2]![0], ring[2]![1]],
      areaKm2: stats.totalAreaKm2,
      stacItemId: id,
      stats,
    };
    const { deps, alertEngine } = s.app.sahelsat.services;
    deps.events.publish({
      type: 'product.created',
      at: dto.createdAt,
      data: dto,
      audience: { kind: 'item', ...owner },
    });
    await alertEngine.idle();
    return stats;
  };

  beforeAll(async () => {
    s = await startServer(backend, { alerts: { webhooks: { enabled: false } } });
    users = await createUsers(s);
  });
  afterAll(() => s?.close());

  it('rules: created by operators and admins of a nation, validated, changed, audited', async () => {
    const body = {
      kind: 'flood-area',
      name: 'Mopti > 100 km²',
      regionId: 'ML-5',
      thresholdKm2: 100,
    };
    expect((await call('viewer-ml', 'POST', '/api/v1/alert-rules', body)).statusCode).toBe(403);
    expect((await call('analyst-ml', 'POST', '/api/v1/alert-rules', body)).statusCode).toBe(403);
    const both = await call('operator-ml', 'POST', '/api/v1/alert-rules', { ...body, aoiId: 'x' });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.issues[0].path).toBe('body');
    const neither = await call('operator-ml', 'POST', '/api/v1/alert-rules', {
      kind: 'flood-area',
      name: 'x',
      thresholdKm2: 1,
    });
    expect(neither.statusCode).toBe(400);
    const unknownAoi = await call('operator-ml', 'POST', '/api/v1/alert-rules', {
      kind: 'new-product',
      name: 'x',
      aoiId: 'no-such-aoi',
    });
    expect(unknownAoi.json().error.issues[0].path).toBe('body.aoiId');
    const badKind = await call('operator-ml', 'POST', '/api/v1/alert-rules', {
      ...body,
      kind: 'x',
    });
    expect(badKind.statusCode).toBe(400);

    const rule = await ok('operator-ml', 'POST', '/api/v1/alert-rules', body);
    expect(rule).toMatchObject({
      kind: 'flood-area',
      regionId: 'ML-5',
      aoiId: null,
      thresholdKm2: 100,
      rising: false,
      enabled: true,
      ownerNation: 'ML',
      releasability: 'nation',
      version: 1,
    });
    // Nation-released: other nations do not see it at all.
    expect((await ok('viewer-bf', 'GET', '/api/v1/alert-rules')).items).toEqual([]);
    expect(
      (await call('operator-bf', 'PATCH', `/api/v1/alert-rules/${rule.id}`, { enabled: false }))
        .statusCode,
    ).toBe(404);
    const wrongField = await call('operator-ml', 'PATCH', `/api/v1/alert-rules/${rule.id}`, {
      outcome: 'failed',
    });
    expect(wrongField.json().error.issues[0].path).toBe('body.outcome');
    const changed = await ok('admin-ml', 'PATCH', `/api/v1/alert-rules/${rule.id}`, {
      thresholdKm2: 50,
      releasability: 'alliance',
    });
    expect(changed).toMatchObject({ thresholdKm2: 50, releasability: 'alliance', version: 2 });
    // Now visible to BF, who may still not change it.
    expect((await ok('viewer-bf', 'GET', '/api/v1/alert-rules')).total).toBe(1);
    expect((await call('operator-bf', 'DELETE', `/api/v1/alert-rules/${rule.id}`)).statusCode).toBe(
      403,
    );
    const audit = await ok('admin-ml', 'GET', `/api/v1/audit?entityId=${rule.id}`);
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual([
      'alert-rule.create',
      'alert-rule.update',
    ]);
    await ok('operator-ml', 'DELETE', `/api/v1/alert-rules/${rule.id}`);
    expect((await ok('operator-ml', 'GET', '/api/v1/alert-rules')).total).toBe(0);
  });

  it('a flood product over Mopti raises the rule alerts of the nations that may see it', async () => {
    const ml = await ok('operator-ml', 'POST', '/api/v1/alert-rules', {
      kind: 'flood-area',
      name: 'Mopti',
      regionId: 'ML-5',
      thresholdKm2: 100,
      rising: true,
    });
    const bf = await ok('operator-bf', 'POST', '/api/v1/alert-rules', {
      kind: 'flood-area',
      name: 'BF watches Mopti',
      regionId: 'ML-5',
      thresholdKm2: 100,
      releasability: 'alliance',
    });
    const high = await ok('operator-ml', 'POST', '/api/v1/alert-rules', {
      kind: 'flood-area',
      name: 'Mopti very high',
      regionId: 'ML-5',
      thresholdKm2: 100_000,
    });
    const aoi = await ok('analyst-ml', 'POST', '/api/v1/aois', {
      name: 'Sévaré',
      geometry: square(-4.15, 14.45, -4.05, 14.6),
      releasability: 'nation',
    });
    const watch = await ok('operator-ml', 'POST', '/api/v1/alert-rules', {
      kind: 'new-product',
      name: 'Sévaré imagery',
      aoiId: aoi.id,
    });
    const before = Date.now();
    // An ML nation product: only ML's rules may see it.
    await announce('prod-ml', square(-4.3, 14.4, -4.1, 14.6), {
      ownerNation: 'ML',
      releasability: 'nation',
    });
    const list = await ok('viewer-ml', 'GET', '/api/v1/alerts');
    const mine = list.items.filter((a: { productId: string }) => a.productId === 'prod-ml');
    expect(mine.map((a: { ruleId: string }) => a.ruleId).sort()).toEqual([ml.id, watch.id].sort());
    expect(mine.some((a: { ruleId: string }) => a.ruleId === bf.id || a.ruleId === high.id)).toBe(
      false,
    );
    const flood = mine.find((a: { ruleId: string }) => a.ruleId === ml.id);
    expect(flood).toMatchObject({
      status: 'Actual',
      msgType: 'Alert',
      category: 'Met',
      severity: 'Severe',
      urgency: 'Immediate',
      certainty: 'Observed',
      ownerNation: 'ML',
      releasability: 'nation',
      event: { en: 'Flood', fr: 'Inondation' },
    });
    expect(flood.headline.fr).toMatch(/^Inondation, Mopti : 4\d\d km²/);
    expect(flood.area.geometry.type).toBe('Polygon'); // the region
    expect(Date.parse(flood.sentAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(
      (await ok('viewer-bf', 'GET', '/api/v1/alerts')).items.filter(
        (a: { productId: string }) => a.productId === 'prod-ml',
      ),
    ).toEqual([]);
    expect((await call('viewer-bf', 'GET', `/api/v1/alerts/${flood.id}`)).statusCode).toBe(404);
    expect((await call('viewer-ne', 'GET', `/api/v1/alerts/${flood.id}/cap.xml`)).statusCode).toBe(
      404,
    );

    // The same product announced twice raises nothing more.
    await announce('prod-ml', square(-4.3, 14.4, -4.1, 14.6), {
      ownerNation: 'ML',
      releasability: 'nation',
    });
    const again = await ok('viewer-ml', 'GET', '/api/v1/alerts');
    expect(again.total).toBe(list.total);

    // An alliance product, smaller than before: BF's alliance rule fires (alliance alert), ML's
    // rising rule does not (the area fell).
    const before2 = zonalStatistics(
      {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: square(-4.3, 14.4, -4.1, 14.6) }],
      },
      zones,
    );
    await announce(
      'prod-all',
      square(-4.3, 14.45, -4.1, 14.6),
      { ownerNation: 'ML', releasability: 'alliance' },
      before2,
    );
    const all = await ok('viewer-ne', 'GET', '/api/v1/alerts');
    const shared = all.items.filter((a: { productId: string }) => a.productId === 'prod-all');
    expect(shared.map((a: { ruleId: string }) => a.ruleId)).toEqual([bf.id]);
    expect(shared[0]).toMatchObject({ ownerNation: 'BF', releasability: 'alliance' });
    expect(shared[0].description.en).toMatch(/The previous map showed 4\d\d km²/);

    const audit = await ok('admin-ml', 'GET', `/api/v1/audit?entityId=${flood.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'alert.create', actorName: 'system' });
    // Audited under the alert's nation: the joint centre's admins do not see it.
    expect(await ok('admin-aes', 'GET', `/api/v1/audit?entityId=${flood.id}`)).toEqual([]);
  });

  it('CAP and feeds: valid CAP 1.2, Restricted for nation alerts, Atom and JSON feeds', async () => {
    const items = (await ok('viewer-ml', 'GET', '/api/v1/alerts')).items;
    const nationAlert = items.find((a: { releasability: string }) => a.releasability === 'nation');
    const r = await call('viewer-ml', 'GET', `/api/v1/alerts/${nationAlert.id}/cap.xml`);
    expect(r.headers['content-type']).toMatch(/^application\/cap\+xml/);
    expect(capProblems(r.body)).toEqual([]);
    const v = capValues(r.body);
    expect(v.get('scope')).toEqual(['Restricted']);
    expect(v.get('identifier')).toEqual([nationAlert.identifier]);
    expect(v.get('info/language')).toEqual(['en', 'fr']);
    expect(v.get('info/headline')).toEqual([nationAlert.headline.en, nationAlert.headline.fr]);

    const atom = await call('viewer-bf', 'GET', '/api/v1/alerts/feed.xml', undefined, {
      'accept-language': 'fr',
    });
    expect(atom.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(atom.body).toContain('<title>Alertes Sahelsat</title>');
    const bfVisible = (await ok('viewer-bf', 'GET', '/api/v1/alerts')).items;
    expect(atom.body.split('<entry>').length - 1).toBe(bfVisible.length);
    expect(atom.body).not.toContain(nationAlert.id);
    for (const m of atom.body.matchAll(
      /<content type="application\/cap\+xml">([\s\S]*?)<\/content>/g,
    ))
      expect(capProblems(m[1]!)).toEqual([]);
    const json = await call('viewer-ml', 'GET', '/api/v1/alerts/feed.json?limit=500');
    const feed = json.json();
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.length).toBe(items.length);
    expect(feed.items[0]._sahelsat.id).toBe(items[0].id);
    expect(feed.items[0].url).toMatch(/\/api\/v1\/alerts\/.+\/cap\.xml$/);
    const since = await ok(
      'viewer-ml',
      'GET',
      `/api/v1/alerts?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(since.total).toBe(0);
  });

  it('request-outcome rules fire when a request is delivered or fails through the lifecycle', async () => {
    const rule = await ok('operator-ne', 'POST', '/api/v1/alert-rules', {
      kind: 'request-outcome',
      name: 'NE deliveries',
      outcome: 'delivered',
    });
    const req = await ok(
      'analyst-ne',
      'POST',
      '/api/v1/requests',
      requestBody({ title: 'Niamey river' }),
    );
    await ok('analyst-ne', 'POST', `/api/v1/requests/${req.id}/transitions`, { to: 'submitted' });
    for (const to of ['feasible', 'planned', 'acquired', 'delivered'])
      await ok('operator-ne', 'POST', `/api/v1/requests/${req.id}/transitions`, {
        to,
        reason: to === 'delivered' ? 'on the FTP server' : undefined,
      });
    await s.app.sahelsat.services.alertEngine.idle();
    const alerts = (await ok('viewer-ne', 'GET', '/api/v1/alerts')).items.filter(
      (a: { requestId: string }) => a.requestId === req.id,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      ruleId: rule.id,
      ownerNation: 'NE',
      releasability: 'nation',
      category: 'Other',
    });
    expect(alerts[0].headline.en).toBe('Request “Niamey river” delivered');
    expect(alerts[0].description.fr).toMatch(/a été livrée le .* Remarque : on the FTP server\./);
    expect(alerts[0].area.geometry.type).toBe('Polygon');
  });

  it('manual alerts: validated, owned by the caller’s nation, Update references earlier alerts', async () => {
    const body = {
      event: { en: 'Dam release', fr: 'Lâcher de barrage' },
      headline: { en: 'Sélingué dam release', fr: 'Lâcher du barrage de Sélingué' },
      description: { en: 'Expect rising water downstream.', fr: 'Montée des eaux en aval.' },
      severity: 'Moderate',
      urgency: 'Expected',
      certainty: 'Likely',
      category: 'Met',
      area: { description: 'Sankarani', geometry: square(-8.3, 11.5, -8.1, 11.7) },
      releasability: 'alliance',
    };
    expect((await call('analyst-ml', 'POST', '/api/v1/alerts', body)).statusCode).toBe(403);
    const bad = await call('operator-ml', 'POST', '/api/v1/alerts', { ...body, severity: 'Huge' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('body.severity');
    const open = await call('operator-ml', 'POST', '/api/v1/alerts', {
      ...body,
      area: {
        description: 'x',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 2],
            ],
          ],
        },
      },
    });
    expect(open.statusCode).toBe(400);
    const first = await ok('operator-ml', 'POST', '/api/v1/alerts', body);
    expect(first).toMatchObject({
      ownerNation: 'ML',
      releasability: 'alliance',
      area: { description: { en: 'Sankarani', fr: 'Sankarani' }, bbox: [-8.3, 11.5, -8.1, 11.7] },
    });
    const noRef = await call('operator-ml', 'POST', '/api/v1/alerts', {
      ...body,
      msgType: 'Update',
    });
    expect(noRef.json().error.issues[0].path).toBe('body.references');
    const update = await ok('operator-ml', 'POST', '/api/v1/alerts', {
      ...body,
      msgType: 'Update',
      references: [first.id],
    });
    expect(update.references[0]).toMatch(
      new RegExp(
        `^sahelsat@localhost,${first.identifier},\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-00:00$`,
      ),
    );
    const cap = (await call('viewer-ne', 'GET', `/api/v1/alerts/${update.id}/cap.xml`)).body;
    expect(capProblems(cap)).toEqual([]);
    expect(capValues(cap).get('scope')).toEqual(['Public']);
    expect(capValues(cap).get('msgType')).toEqual(['Update']);
  });

  it('the live socket forwards alert.created to the nations that may see the alert', async () => {
    const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${address.replace('http', 'ws')}/api/v1/live`;
    const open = (who: string) =>
      new Promise<{ ws: WebSocket; got: Array<{ type: string; data: { id: string } }> }>(
        (resolve, reject) => {
          const ws = new WebSocket(url, { headers: tok(who) });
          const got: Array<{ type: string; data: { id: string } }> = [];
          ws.on('message', (raw) => {
            const m = JSON.parse(String(raw));
            if (m.type === 'hello') {
              ws.send(JSON.stringify({ type: 'subscribe', positionsIntervalMs: 0 }));
              resolve({ ws, got });
            }
            if (m.type === 'event') got.push(m.event);
          });
          ws.on('error', reject);
        },
      );
    const ml = await open('viewer-ml');
    const bf = await open('viewer-bf');
    const body = {
      event: 'Test',
      headline: { en: 'Exercise', fr: 'Exercice' },
      description: { en: 'Exercise only.', fr: 'Exercice seulement.' },
      severity: 'Minor',
      urgency: 'Future',
      certainty: 'Possible',
      status: 'Exercise',
      area: { description: { en: 'Bamako', fr: 'Bamako' } },
    };
    const secret = await ok('operator-ml', 'POST', '/api/v1/alerts', {
      ...body,
      releasability: 'nation',
    });
    const shared = await ok('operator-ml', 'POST', '/api/v1/alerts', {
      ...body,
      releasability: 'alliance',
    });
    await new Promise((r) => setTimeout(r, 300));
    const ids = (x: typeof ml) =>
      x.got.filter((e) => e.type === 'alert.created').map((e) => e.data.id);
    expect(ids(ml)).toEqual([secret.id, shared.id]);
    expect(ids(bf)).toEqual([shared.id]);
    expect(ml.got.find((e) => e.data.id === secret.id)!.data).toMatchObject({
      headline: body.headline,
      status: 'Exercise',
    });
    ml.ws.close();
    bf.ws.close();
  });
});
