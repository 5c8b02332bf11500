/**
 * The live socket (`/api/v1/live`): events as they happen and satellite positions. Reconnects
 * with back-off (1 s doubling to 30 s); asks for positions only while someone listens to them.
 */
import type { LiveClient } from './context.js';

type EventFn = Parameters<LiveClient['onEvent']>[0];
type PositionsFn = Parameters<LiveClient['onPositions']>[0];
type PositionsMessage = Parameters<PositionsFn>[0];

/** Close code of the server when the session ended (src/server/routes/live.ts). */
const CLOSE_SESSION_ENDED = 4401;

export interface LiveClientOptions {
  /** Called when the server closes the socket because the session ended. */
  onSessionEnded?(): void;
  /** Called when the connection state changes (for the header's indicator). */
  onState?(connected: boolean): void;
  positionsIntervalMs?: number;
  url?: string;
}

export interface ClosableLiveClient extends LiveClient {
  close(): void;
}

export function createLiveClient(o: LiveClientOptions = {}): ClosableLiveClient {
  const url =
    o.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/live`;
  const events = new Set<EventFn>();
  const positions = new Set<PositionsFn>();
  let socket: WebSocket | null = null;
  let closed = false;
  let delayMs = 1000;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const subscribe = () => {
    if (socket?.readyState !== WebSocket.OPEN) return;
    socket.send(
      JSON.stringify({
        type: 'subscribe',
        positionsIntervalMs: positions.size > 0 ? (o.positionsIntervalMs ?? 1000) : 0,
      }),
    );
  };

  const connect = () => {
    if (closed) return;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      delayMs = 1000;
      o.onState?.(true);
      subscribe();
    };
    ws.onmessage = (m) => {
      let msg: { type?: string; event?: unknown } & Partial<PositionsMessage>;
      try {
        msg = JSON.parse(String(m.data)) as typeof msg;
      } catch {
        return;
      }
      if (msg.type === 'event' && msg.event) {
        const e = msg.event as Parameters<EventFn>[0];
        for (const fn of events) fn(e);
      } else if (msg.type === 'positions' && msg.at && msg.satellites) {
        const p = { at: msg.at, satellites: msg.satellites };
        for (const fn of positions) fn(p);
      }
    };
    ws.onclose = (e) => {
      o.onState?.(false);
      if (socket === ws) socket = null;
      if (closed) return;
      if (e.code === CLOSE_SESSION_ENDED) {
        o.onSessionEnded?.();
        return;
      }
      retry = setTimeout(connect, delayMs);
      delayMs = Math.min(30_000, delayMs * 2);
    };
  };
  connect();

  return {
    onEvent(fn) {
      events.add(fn);
      return () => void events.delete(fn);
    },
    onPositions(fn) {
      const first = positions.size === 0;
      positions.add(fn);
      if (first) subscribe();
      return () => {
        positions.delete(fn);
        if (positions.size === 0) subscribe();
      };
    },
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    },
  };
}
