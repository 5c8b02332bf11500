/** Starting a real server (in-process, `inject` or a real port) on a fresh store, with users. */
import type { FastifyInstance } from 'fastify';
import { type ServerOptions, buildServer } from '../../src/server/index.js';
import { NATIONS, ROLES, type Nation, type Role, type StoreConfig } from '../../src/store/index.js';
import type { Backend } from './backends.js';

export const ADMIN_PASSWORD = 'admin password for tests';
export const USER_PASSWORD = 'user password for tests';

export interface TestServer {
  readonly app: FastifyInstance;
  readonly dataDir: string;
  /** Where its data lives (to open a second server on the same database). */
  readonly storage: StoreConfig;
  /** Bearer token of the seeded admin (joint centre). */
  readonly adminToken: string;
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export async function startServer(
  backend: Backend,
  opts: Partial<ServerOptions> = {},
): Promise<TestServer> {
  const fresh = await backend.fresh();
  const app = await buildServer({
    storage: fresh.config,
    adminPassword: ADMIN_PASSWORD,
    jobs: { threads: 0 },
    ...opts,
  });
  await app.ready();
  const login = async (username: string, password: string): Promise<string> => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
    });
    if (r.statusCode !== 200)
      throw new Error(`login of ${username} failed: ${r.statusCode} ${r.body}`);
    return r.json<{ token: string }>().token;
  };
  const adminToken = await login('admin', ADMIN_PASSWORD);
  return {
    app,
    dataDir: fresh.dataDir,
    storage: fresh.config,
    adminToken,
    login,
    async close() {
      await app.close();
      await fresh.cleanup();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** One user per role and nation, named `<role>-<nation>` (lower case), with their tokens. */
export async function createUsers(
  s: TestServer,
): Promise<Map<string, { role: Role; nation: Nation; id: string; token: string }>> {
  const users = new Map<string, { role: Role; nation: Nation; id: string; token: string }>();
  await Promise.all(
    ROLES.flatMap((role) =>
      NATIONS.map(async (nation) => {
        const username = `${role}-${nation}`.toLowerCase();
        const r = await s.app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: bearer(s.adminToken),
          payload: { username, password: USER_PASSWORD, role, nation },
        });
        if (r.statusCode !== 201)
          throw new Error(`creating ${username}: ${r.statusCode} ${r.body}`);
        users.set(username, {
          role,
          nation,
          id: r.json<{ id: string }>().id,
          token: await s.login(username, USER_PASSWORD),
        });
      }),
    ),
  );
  return users;
}

/** A valid request body. */
export function requestBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Flood extent along the Niger at Mopti',
    aoi: {
      type: 'Polygon',
      coordinates: [
        [
          [-4.3, 14.4],
          [-4.0, 14.4],
          [-4.0, 14.6],
          [-4.3, 14.6],
          [-4.3, 14.4],
        ],
      ],
    },
    priority: 2,
    window: { start: '2026-03-20T06:00:00Z', end: '2026-03-22T18:00:00Z' },
    sensorType: 'sar',
    releasability: 'nation',
    ...over,
  };
}
