/**
 * The contract between the dashboard shell and its panels (API-CONTRACTS.md §1). Panels receive
 * one `AppContext` and use nothing else of the shell.
 */
import type { ReadonlySignal, Signal } from '@preact/signals';
import type maplibregl from 'maplibre-gl';
import type { JSX } from 'preact';

export type Lang = 'en' | 'fr';
export interface User {
  id: string;
  username: string;
  role: 'admin' | 'operator' | 'analyst' | 'viewer';
  nation: 'ML' | 'BF' | 'NE' | 'AES';
}
export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>; // path like '/passes'; prefixes /api/v1
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
} // throws ApiError {status, code, message, issues?}; sends Accept-Language = current lang
export interface TimeStore {
  // the one clock every view follows
  readonly now: ReadonlySignal<number>; // shown instant, Unix ms UTC; ticks every second when live
  readonly live: ReadonlySignal<boolean>;
  set(ms: number): void; // leaves live mode
  goLive(): void;
}
export interface LiveClient {
  // wraps the /api/v1/live WebSocket (reconnects)
  onEvent(fn: (e: { type: string; at: string; data: Record<string, unknown> }) => void): () => void;
  onPositions(
    fn: (p: {
      at: string;
      satellites: Array<{
        id: string;
        name: string;
        latitudeDeg: number;
        longitudeDeg: number;
        altitudeKm: number;
      }>;
    }) => void,
  ): () => void;
}
export interface Selection {
  // what the user has selected, shared between views
  satelliteId: Signal<string | null>;
  pass: Signal<{ stationId: string; satelliteId: string; aos: string; los: string } | null>;
}
export type Action =
  | 'create requests'
  | 'plan'
  | 'update acquisitions'
  | 'run jobs'
  | 'manage users'
  | 'create areas of interest'
  | 'import element sets'
  | 'publish products'
  | 'manage alerts'
  | 'import layers';
export interface AppContext {
  api: ApiClient;
  user: User;
  lang: ReadonlySignal<Lang>;
  t(key: string, params?: Record<string, string | number>): string; // looks up the merged message tables
  formatTime(ms: number | string, opts?: { seconds?: boolean; date?: boolean }): string; // UTC (default) or local, per user choice; suffix 'UTC' when UTC
  map: maplibregl.Map;
  time: TimeStore;
  live: LiveClient;
  selection: Selection;
  may(action: Action): boolean; // mirrors src/server/policy.ts
  /** overlay layers owned by a panel: add/replace a GeoJSON source + its layers; removed by clearOverlay */
  setOverlay(
    id: string,
    data: GeoJSON.FeatureCollection,
    style: { fill?: string; line?: string; circle?: string; label?: string },
  ): void;
  clearOverlay(id: string): void;
  fitBounds(bbox: [number, number, number, number]): void;
}

/** A side-panel tab. `visible` follows role and nation; `titleKey` is a message key. */
export interface Panel {
  id: string;
  titleKey: string;
  visible(ctx: AppContext): boolean;
  Component: (p: { ctx: AppContext }) => JSX.Element;
}

/** A panel's message tables (`web/src/panels/<name>/messages.ts`): same keys in both languages. */
export interface Messages {
  en: Record<string, string>;
  fr: Record<string, string>;
}
