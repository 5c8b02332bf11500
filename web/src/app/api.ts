/** The HTTP client of the dashboard: JSON in and out, under /api/v1, session cookie. */
import type { ApiClient, Lang } from './context.js';

/** An error answered by the server (docs/server.md, "Errors"), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ReadonlyArray<{ path: string; message: string; line?: number }>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  /** The current language (sent as Accept-Language so errors come back in it). */
  lang(): Lang;
  /** Called on 401 (no or dead session): the shell goes back to the login page. */
  onUnauthenticated?(): void;
  /** Prefix of every path (default `/api/v1`). */
  base?: string;
}

function queryString(query?: Record<string, string | number | undefined>): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function createApiClient(o: ApiClientOptions): ApiClient {
  const base = o.base ?? '/api/v1';
  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    query?: Record<string, string | number | undefined>,
  ): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': o.lang(),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(base + path + queryString(query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (err) {
      throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
    }
    if (res.status === 401 && !path.startsWith('/auth/login')) o.onUnauthenticated?.();
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (!res.ok) {
      const e = (
        parsed as
          | {
              error?: {
                code?: string;
                message?: string;
                issues?: Array<{ path: string; message: string; line?: number }>;
              };
            }
          | undefined
      )?.error;
      throw new ApiError(
        res.status,
        e?.code ?? `http-${res.status}`,
        e?.message ?? res.statusText,
        e?.issues,
      );
    }
    return parsed as T;
  }
  return {
    get: (path, query) => call('GET', path, undefined, query),
    post: (path, body) => call('POST', path, body ?? {}),
    patch: (path, body) => call('PATCH', path, body ?? {}),
    put: (path, body) => call('PUT', path, body ?? {}),
    del: (path) => call('DELETE', path),
  };
}
