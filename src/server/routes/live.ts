/**
 * WebSocket `/api/v1/live`: satellite positions at a chosen rate, and events as they happen.
 * Authenticated like every route (cookie or bearer token, checked before the upgrade); events
 * about items the user cannot see are never sent; the socket closes when its session ends.
 *
 * Client → server: `{"type":"subscribe","positionsIntervalMs":1000,"satellites":["id",…]}`
 * (0 turns positions off; satellites omitted = all), `{"type":"ping"}`.
 * Server → client: `hello`, `positions`, `event`, `pong`, `error`.
 */
import type {} from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { formatIsoUtc } from '../../core/time.js';
import { callerOf } from '../auth-hook.js';
import { audienceIncludes } from '../events.js';
import type { RoutePlugin } from './plugin.js';

const ClientMessage = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('subscribe'),
    positionsIntervalMs: z.union([z.literal(0), z.number().int().min(250).max(60_000)]).optional(),
    satellites: z.array(z.string().max(100)).max(20_000).optional(),
  }),
  z.strictObject({ type: z.literal('ping') }),
]);

/** Close codes: 4401 the session ended (log in again). */
export const CLOSE_SESSION_ENDED = 4401;

export const liveRoutes: RoutePlugin = async (app, { services }) => {
  const { deps, orbits, settings } = services;
  app.get(
    '/live',
    {
      websocket: true,
      schema: {
        tags: ['live'],
        summary: 'WebSocket: satellite positions and events (see docs/server.md)',
      },
    },
    async (socket: WebSocket, req) => {
      const caller = callerOf(req);
      const send = (m: unknown) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
      };
      let intervalMs = (await settings.get()).livePositionsIntervalMs ?? 1000;
      let only: Set<string> | undefined;
      let timer: NodeJS.Timeout | null = null;
      let sending = false;
      const tick = async () => {
        if (sending) return; // a slow client or a big catalogue: skip a beat rather than pile up
        sending = true;
        try {
          const t = deps.clock();
          send({
            type: 'positions',
            at: formatIsoUtc(t),
            satellites: await orbits.positions(t, only),
          });
        } catch (err) {
          req.log.error({ err }, 'live positions failed');
        } finally {
          sending = false;
        }
      };
      const schedule = () => {
        if (timer) clearInterval(timer);
        timer = intervalMs > 0 ? setInterval(() => void tick(), intervalMs) : null;
        if (intervalMs > 0) void tick();
      };
      const unsubscribe = deps.events.subscribe((e) => {
        if (audienceIncludes(e.audience, caller.nation))
          send({ type: 'event', event: { type: e.type, at: e.at, data: e.data } });
      });
      const unnotice = deps.events.onNotice((n) => {
        if (n.type === 'sessions.revoked' && n.sessionIds.includes(caller.sessionId))
          socket.close(CLOSE_SESSION_ENDED, 'session ended');
      });
      const session = (await services.auth.listSessions(caller)).find(
        (s) => s.id === caller.sessionId,
      );
      const expiry = setTimeout(
        () => socket.close(CLOSE_SESSION_ENDED, 'session expired'),
        Math.max(0, Math.min(2 ** 31 - 1, (session?.expiresAtMs ?? 0) - deps.clock())),
      );
      socket.on('message', (raw) => {
        let parsed: z.infer<typeof ClientMessage>;
        try {
          const r = ClientMessage.safeParse(JSON.parse(String(raw)));
          if (!r.success) {
            send({
              type: 'error',
              issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
            });
            return;
          }
          parsed = r.data;
        } catch {
          send({ type: 'error', issues: [{ path: '', message: 'not JSON' }] });
          return;
        }
        if (parsed.type === 'ping') send({ type: 'pong', at: formatIsoUtc(deps.clock()) });
        else {
          if (parsed.positionsIntervalMs !== undefined) intervalMs = parsed.positionsIntervalMs;
          if (parsed.satellites !== undefined) only = new Set(parsed.satellites);
          schedule();
        }
      });
      socket.on('close', () => {
        unsubscribe();
        unnotice();
        clearTimeout(expiry);
        if (timer) clearInterval(timer);
      });
      send({
        type: 'hello',
        user: { username: caller.username, role: caller.role, nation: caller.nation },
        positionsIntervalMs: intervalMs,
      });
      schedule();
    },
  );
};
