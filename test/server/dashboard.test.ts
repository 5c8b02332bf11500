/**
 * The dashboard's server side: the bundled map layers (with ETag), the newest element sets, and
 * the static files at / with the SPA fallback (never over /api or /stac, never outside the
 * folder), on both backends.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.js';
import { type TestServer, bearer, startServer } from '../support/server.js';

const backends = await testBackends();
const INDEX = '<!doctype html><html><body>dashboard</body></html>';

describe.each(backends)('dashboard routes ($name)', (backend) => {
  let s: TestServer;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'sahelsat-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), INDEX);
    writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'sahelsat-outside.txt'), 'secret');
    s = await startServer(backend, { webRoot });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('lists the bundled layers and serves each as GeoJSON with an ETag', async () => {
    const list = await s.app.inject({ url: '/api/v1/layers', headers: bearer(s.adminToken) });
    expect(list.statusCode).toBe(200);
    const ids = list
      .json<Array<{ id: string; name: { en: string; fr: string } }>>()
      .map((l) => l.id);
    expect(ids).toEqual(['countries', 'regions', 'border-strips', 'borders', 'towns']);
    for (const id of ids) {
      const r = await s.app.inject({ url: `/api/v1/layers/${id}`, headers: bearer(s.adminToken) });
      expect(r.statusCode, id).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/geo\+json/);
      const fc = r.json<{ type: string; features: unknown[] }>();
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.length).toBeGreaterThan(2);
      const again = await s.app.inject({
        url: `/api/v1/layers/${id}`,
        headers: { ...bearer(s.adminToken), 'if-none-match': String(r.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
    }
    const towns = await s.app.inject({
      url: '/api/v1/layers/towns',
      headers: bearer(s.adminToken),
    });
    const names = towns
      .json<{ features: Array<{ properties: { name: string } }> }>()
      .features.map((f) => f.properties.name);
    const zipped = await s.app.inject({
      url: '/api/v1/layers/towns',
      headers: { ...bearer(s.adminToken), 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(towns.body);
    expect(names).toEqual(expect.arrayContaining(['Bamako', 'Ouagadougou', 'Niamey']));
  });

  it('refuses unknown layers and anonymous callers', async () => {
    const r = await s.app.inject({
      url: '/api/v1/layers/rivers',
      headers: { ...bearer(s.adminToken), 'accept-language': 'fr' },
    });
    expect(r.statusCode).toBe(404);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('not-found');
    expect((await s.app.inject({ url: '/api/v1/layers/towns' })).statusCode).toBe(401);
    expect((await s.app.inject({ url: '/api/v1/element-sets/latest' })).statusCode).toBe(401);
  });

  it('gives the newest element set of every satellite', async () => {
    const sats = (
      await s.app.inject({ url: '/api/v1/satellites', headers: bearer(s.adminToken) })
    ).json<Array<{ id: string; latestEpoch: string | null }>>();
    const r = await s.app.inject({
      url: '/api/v1/element-sets/latest',
      headers: bearer(s.adminToken),
    });
    expect(r.statusCode).toBe(200);
    const sets =
      r.json<Array<{ satelliteId: string; epoch: string; line1: string; line2: string }>>();
    expect(sets.length).toBe(sats.filter((x) => x.latestEpoch).length);
    expect(sets.length).toBeGreaterThan(0);
    for (const e of sets) {
      expect(e.line1).toMatch(/^1 /);
      expect(e.line2).toMatch(/^2 /);
      expect(e.epoch).toBe(sats.find((x) => x.id === e.satelliteId)?.latestEpoch);
    }
  });

  it('serves the dashboard with the SPA fallback and a same-origin CSP', async () => {
    const root = await s.app.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toBe(INDEX);
    expect(root.headers['content-type']).toMatch(/^text\/html/);
    expect(String(root.headers['content-security-policy'])).toContain("connect-src 'self'");
    const deep = await s.app.inject({ url: '/passes/bamako?lang=fr' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toBe(INDEX);
    const asset = await s.app.inject({ url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await s.app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    const zipped = await s.app.inject({
      url: '/assets/app-1234.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe('console.log(1)');
  });

  it('never answers the page for /api or /stac, nor a file outside the folder', async () => {
    const api = await s.app.inject({ url: '/api/v1/nothing-here', headers: bearer(s.adminToken) });
    expect(api.statusCode).toBe(404);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('route-not-found');
    const stac = await s.app.inject({ url: '/stac/nothing-here' });
    expect(stac.statusCode).toBe(404);
    expect(stac.body).not.toContain('dashboard');
    for (const url of [
      '/../sahelsat-outside.txt',
      '/%2e%2e/sahelsat-outside.txt',
      '/assets/..%2f..%2fsahelsat-outside.txt',
    ]) {
      const r = await s.app.inject({ url });
      expect(r.body, url).not.toContain('secret');
    }
  });
});

describe('without a built dashboard', () => {
  it('answers 404 at / when webRoot is null', async () => {
    const [backend] = backends;
    const s = await startServer(backend!, { webRoot: null });
    try {
      expect((await s.app.inject({ url: '/' })).statusCode).toBe(404);
    } finally {
      await s.close();
    }
  });
});
