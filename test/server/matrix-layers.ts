/**
 * The authorisation matrix's cases for imported map layers (spread into CASES of
 * authorization-matrix.test.ts). Expectations from docs/server.md: everyone reads the layers they
 * may see; analysts, operators and admins import; only the owner nation's analysts, operators
 * and admins change or delete a layer (others who see it: 403); a nation-released layer does
 * not exist for the other nations (404, absent from lists). Fixtures are made on first use.
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

const importer = (u: U) => u.role === 'analyst' || u.role === 'operator' || u.role === 'admin';
/** A short stretch of the Niger at Niamey. */
const TEXT = JSON.stringify({
  type: 'LineString',
  coordinates: [
    [2.05, 13.45],
    [2.1, 13.5],
    [2.15, 13.56],
  ],
});
const body = (releasability: string) => ({ name: 'matrix', releasability, text: TEXT });

export function layerMatrixCases(api: Api): Case[] {
  const memo = new Map<string, Promise<string>>();
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
  const newLayer = async (owner: string, releasability: string) =>
    (await api(owner, 'POST', '/api/v1/imported-layers', body(releasability))).id as string;
  const layerMl = () => once('layerMl', () => newLayer('analyst-ml', 'nation'));
  const layerBf = () => once('layerBf', () => newLayer('operator-bf', 'alliance'));
  const seesMl = (u: U) => (u.nation === 'ML' ? 200 : 404);
  /** Change a layer of ML (nation-released): invisible elsewhere, then role. */
  const changeMl = (u: U) => (u.nation !== 'ML' ? 404 : importer(u) ? 200 : 403);
  /** Change a layer of BF released to the alliance: visible to all, only BF's importers. */
  const changeBf = (u: U) => (u.nation === 'BF' && importer(u) ? 200 : 403);

  return [
    {
      route: 'GET /api/v1/imported-layers',
      call: async () => {
        await Promise.all([layerMl(), layerBf()]);
        return { url: '/api/v1/imported-layers' };
      },
      expect: () => 200,
      check: (u, b) => {
        const ids = (b as { items: Array<{ id: string }> }).items.map((l) => l.id);
        expect(ids.includes(made.get('layerMl')!)).toBe(u.nation === 'ML');
        expect(ids.includes(made.get('layerBf')!)).toBe(true);
      },
    },
    {
      route: 'POST /api/v1/imported-layers',
      call: async () => ({ url: '/api/v1/imported-layers', payload: body('nation') }),
      expect: (u) => (importer(u) ? 201 : 403),
    },
    {
      route: 'GET /api/v1/imported-layers/:id',
      note: 'ML, nation',
      call: async () => ({ url: `/api/v1/imported-layers/${await layerMl()}` }),
      expect: seesMl,
    },
    {
      route: 'GET /api/v1/imported-layers/:id',
      note: 'BF, alliance',
      call: async () => ({ url: `/api/v1/imported-layers/${await layerBf()}` }),
      expect: () => 200,
    },
    {
      route: 'GET /api/v1/imported-layers/:id/features',
      note: 'ML, nation',
      call: async () => ({ url: `/api/v1/imported-layers/${await layerMl()}/features` }),
      expect: seesMl,
    },
    {
      route: 'GET /api/v1/imported-layers/:id/features',
      note: 'BF, alliance, for display',
      call: async () => ({
        url: `/api/v1/imported-layers/${await layerBf()}/features?for=display`,
      }),
      expect: () => 200,
    },
    {
      route: 'PATCH /api/v1/imported-layers/:id',
      note: 'ML, nation',
      call: async () => ({
        url: `/api/v1/imported-layers/${await layerMl()}`,
        payload: { colour: '#123456' },
      }),
      expect: changeMl,
    },
    {
      route: 'PATCH /api/v1/imported-layers/:id',
      note: 'BF, alliance',
      call: async () => ({
        url: `/api/v1/imported-layers/${await layerBf()}`,
        payload: { name: 'renamed' },
      }),
      expect: changeBf,
    },
    {
      route: 'DELETE /api/v1/imported-layers/:id',
      note: 'ML, nation (a fresh layer each time)',
      call: async () => ({
        url: `/api/v1/imported-layers/${await newLayer('analyst-ml', 'nation')}`,
      }),
      expect: changeMl,
    },
    {
      route: 'DELETE /api/v1/imported-layers/:id',
      note: 'BF, alliance (a fresh layer each time)',
      call: async () => ({
        url: `/api/v1/imported-layers/${await newLayer('analyst-bf', 'alliance')}`,
      }),
      expect: changeBf,
    },
  ];
}
