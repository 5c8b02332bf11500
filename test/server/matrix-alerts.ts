/**
 * The authorisation matrix's cases for alert rules, alerts, feeds and webhooks (spread into
 * CASES of authorization-matrix.test.ts). Expectations come from the rules of docs/server.md:
 * reading alerts and rules is for everyone who may see them; changing them, and everything
 * about webhooks, needs 'manage alerts' (operators, admins) of the owner nation. Fixtures are
 * made on first use.
 */
import { expect } from 'vitest';
import type { Nation, Role } from '../../src/store/index.js';

interface U {
  readonly username: string;
  readonly role: Role;
  readonly nation: Nation;
}
interface Case {
  readonly route: string;
  readonly note?: string;
  readonly call: (u: U) => Promise<{ url: string; payload?: unknown }>;
  readonly expect: (u: U) => number;
  readonly check?: (u: U, body: unknown) => void;
}
type Api = (name: string, method: string, url: string, payload?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const manager = (u: U) => u.role === 'operator' || u.role === 'admin';
const alertBody = (releasability: string) => ({
  event: 'Matrix',
  headline: { en: 'Matrix alert', fr: 'Alerte de la matrice' },
  description: { en: 'Authorisation test.', fr: 'Test des autorisations.' },
  severity: 'Minor',
  urgency: 'Future',
  certainty: 'Unlikely',
  status: 'Test',
  area: { description: 'Bamako' },
  releasability,
});
const HOOK = {
  url: 'http://127.0.0.1:9/matrix',
  secret: 'matrix secret 0123456789',
  formats: ['json'],
};

export function alertMatrixCases(api: Api): Case[] {
  const memo = new Map<string, Promise<string>>();
  /** Ids already made (checks run synchronously, after the call that made them). */
  const made = new Map<string, string>();
  const once = (key: string, make: () => Promise<string>) => {
    if (!memo.has(key))
      memo.set(
        key,
        make().then((id) => {
          made.set(key, id);
          return id;
        }),
      );
    return memo.get(key)!;
  };
  const newRule = async (owner: string, releasability: string) =>
    (
      await api(owner, 'POST', '/api/v1/alert-rules', {
        kind: 'request-outcome',
        name: `${owner} ${releasability}`,
        outcome: 'failed',
        releasability,
      })
    ).id as string;
  const ruleMl = () => once('ruleMl', () => newRule('operator-ml', 'nation'));
  const ruleBf = () => once('ruleBf', () => newRule('operator-bf', 'alliance'));
  const alertMl = () =>
    once(
      'alertMl',
      async () => (await api('operator-ml', 'POST', '/api/v1/alerts', alertBody('nation'))).id,
    );
  const newHook = async () =>
    (await api('operator-ml', 'POST', '/api/v1/webhooks', HOOK)).id as string;
  const hookMl = () => once('hookMl', newHook);
  const webhookAccess = (u: U) => (!manager(u) ? 403 : u.nation === 'ML' ? 200 : 404);
  const seesMl = (u: U) => (u.nation === 'ML' ? 200 : 404);

  return [
    {
      route: 'GET /api/v1/alert-rules',
      call: async () => {
        await Promise.all([ruleMl(), ruleBf()]);
        return { url: '/api/v1/alert-rules' };
      },
      expect: () => 200,
      check: (u, body) => {
        const ids = (body as { items: Array<{ id: string }> }).items.map((r) => r.id);
        expect(ids.includes(made.get('ruleMl')!)).toBe(u.nation === 'ML');
        expect(ids.includes(made.get('ruleBf')!)).toBe(true);
      },
    },
    {
      route: 'POST /api/v1/alert-rules',
      call: async () => ({
        url: '/api/v1/alert-rules',
        payload: { kind: 'request-outcome', name: 'm', outcome: 'delivered' },
      }),
      expect: (u) => (manager(u) ? 201 : 403),
    },
    {
      route: 'PATCH /api/v1/alert-rules/:id',
      note: 'ML, nation',
      call: async () => ({
        url: `/api/v1/alert-rules/${await ruleMl()}`,
        payload: { enabled: true },
      }),
      expect: (u) => (u.nation !== 'ML' ? 404 : manager(u) ? 200 : 403),
    },
    {
      route: 'PATCH /api/v1/alert-rules/:id',
      note: 'BF, alliance',
      call: async () => ({
        url: `/api/v1/alert-rules/${await ruleBf()}`,
        payload: { enabled: true },
      }),
      expect: (u) => (u.nation === 'BF' && manager(u) ? 200 : 403),
    },
    {
      route: 'DELETE /api/v1/alert-rules/:id',
      note: 'ML, nation',
      call: async () => ({ url: `/api/v1/alert-rules/${await newRule('operator-ml', 'nation')}` }),
      expect: (u) => (u.nation !== 'ML' ? 404 : manager(u) ? 200 : 403),
    },
    {
      route: 'GET /api/v1/alerts',
      call: async () => {
        await alertMl();
        return { url: '/api/v1/alerts?limit=500' };
      },
      expect: () => 200,
      check: (u, body) => {
        const b = body as {
          items: Array<{ id: string; ownerNation: string; releasability: string }>;
        };
        expect(b.items.some((a) => a.id === made.get('alertMl'))).toBe(u.nation === 'ML');
        for (const a of b.items)
          expect(a.releasability === 'alliance' || a.ownerNation === u.nation).toBe(true);
      },
    },
    {
      route: 'POST /api/v1/alerts',
      call: async () => ({ url: '/api/v1/alerts', payload: alertBody('alliance') }),
      expect: (u) => (manager(u) ? 201 : 403),
    },
    {
      route: 'GET /api/v1/alerts/:id',
      note: 'ML, nation',
      call: async () => ({ url: `/api/v1/alerts/${await alertMl()}` }),
      expect: seesMl,
    },
    {
      route: 'GET /api/v1/alerts/:id/cap.xml',
      note: 'ML, nation',
      call: async () => ({ url: `/api/v1/alerts/${await alertMl()}/cap.xml` }),
      expect: seesMl,
    },
    {
      route: 'GET /api/v1/alerts/feed.xml',
      call: async () => ({ url: '/api/v1/alerts/feed.xml' }),
      expect: () => 200,
    },
    {
      route: 'GET /api/v1/alerts/feed.json',
      call: async () => ({ url: '/api/v1/alerts/feed.json?limit=500' }),
      expect: () => 200,
      check: (u, body) => {
        const id = made.get('alertMl');
        expect((body as { items: Array<{ id: string }> }).items.some((i) => i.id === id)).toBe(
          u.nation === 'ML',
        );
      },
    },
    {
      route: 'GET /api/v1/webhooks',
      call: async () => {
        await hookMl();
        return { url: '/api/v1/webhooks' };
      },
      expect: (u) => (manager(u) ? 200 : 403),
      check: (u, body) => {
        for (const w of (body as { items: Array<{ ownerNation: string }> }).items)
          expect(w.ownerNation).toBe(u.nation);
        expect(JSON.stringify(body)).not.toContain(HOOK.secret);
      },
    },
    {
      route: 'POST /api/v1/webhooks',
      call: async () => ({ url: '/api/v1/webhooks', payload: HOOK }),
      expect: (u) => (manager(u) ? 201 : 403),
    },
    {
      route: 'DELETE /api/v1/webhooks/:id',
      note: 'ML',
      call: async () => ({ url: `/api/v1/webhooks/${await newHook()}` }),
      expect: webhookAccess,
    },
    {
      route: 'GET /api/v1/webhooks/:id/deliveries',
      note: 'ML',
      call: async () => ({ url: `/api/v1/webhooks/${await hookMl()}/deliveries` }),
      expect: webhookAccess,
    },
  ];
}
