/**
 * The dashboard's ApiClient against a real server (Node's fetch stands in for the browser's),
 * and the TimeStore with an explicit clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../web/src/app/api.js';
import type { Lang } from '../../web/src/app/context.js';
import { createTimeStore } from '../../web/src/app/time.js';
import { testBackends } from '../support/backends.js';
import { type TestServer, startServer } from '../support/server.js';

const [sqlite] = await testBackends();

describe('ApiClient against the server', () => {
  let s: TestServer;
  let base: string;
  beforeAll(async () => {
    s = await startServer(sqlite!, { webRoot: null });
    const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
    base = `${address}/api/v1`;
  });
  afterAll(() => s?.close());

  it('gets JSON under /api/v1 with query parameters', async () => {
    const api = createApiClient({ lang: () => 'en', base });
    expect(await api.get<{ status: string }>('/health', { unused: undefined })).toMatchObject({
      status: 'ok',
    });
  });

  it('turns an error into ApiError in the current language, and reports a lost session', async () => {
    let lang: Lang = 'fr';
    let lost = 0;
    const api = createApiClient({ lang: () => lang, base, onUnauthenticated: () => lost++ });
    const err = await api.get('/layers').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect((err as ApiError).message).toMatch(/authentification requise/);
    expect(lost).toBe(1);
    lang = 'en';
    const bad = await api
      .post('/auth/login', { username: 'admin', password: 'wrong', colour: 'red' })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 'invalid-input' });
    expect((bad as ApiError).issues?.map((i) => i.path)).toContain('body.colour');
    expect(lost).toBe(1); // a refused login is not a lost session
  });

  it('reports a server that cannot be reached as status 0', async () => {
    const api = createApiClient({ lang: () => 'en', base: 'http://127.0.0.1:1/api/v1' });
    await expect(api.get('/health')).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});

describe('TimeStore', () => {
  it('follows the clock when live, holds a chosen instant, plays at a speed, goes back live', () => {
    let now = Date.parse('2026-11-29T23:00:00Z');
    const time = createTimeStore(() => now);
    try {
      expect(time.live.value).toBe(true);
      now += 1500;
      expect(time.displayNow()).toBe(now);
      const past = now - 3_600_000;
      time.set(past);
      expect(time.live.value).toBe(false);
      expect(time.now.value).toBe(past);
      now += 10_000;
      expect(time.displayNow()).toBe(past); // paused
      time.setSpeed(60);
      now += 1_000;
      expect(time.displayNow()).toBe(past + 60_000);
      time.goLive();
      expect(time.live.value).toBe(true);
      expect(time.speed.value).toBe(0);
      expect(time.now.value).toBe(now);
    } finally {
      time.dispose();
    }
  });
});
