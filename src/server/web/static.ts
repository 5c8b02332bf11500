/**
 * Serves the built dashboard (`dist/web`) at `/`: files as they are, hashed assets cached for a
 * year, and `index.html` for every other path that is not under `/api` or `/stac` (the
 * dashboard's own routes live in the browser). Missing assets and unknown API paths stay 404s
 * with the API's error body. The page gets a Content-Security-Policy that lets it talk to its
 * own origin only: the browser itself refuses any request to another host.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pbf': 'application/x-protobuf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Same origin only; MapLibre runs its workers from blob: URLs and draws images from blob:/data:. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that belong to the server, never to the dashboard. */
const SERVER_PATHS = /^\/(api|stac)(\/|$)/;

async function fileAt(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  if (!full.startsWith(root + sep)) return null;
  try {
    const s = await stat(full);
    return s.isFile() ? full : null;
  } catch {
    return null;
  }
}

function send(reply: FastifyReply, file: string, immutable: boolean): FastifyReply {
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  void reply.type(type);
  void reply.header(
    'cache-control',
    immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
  if (type.startsWith('text/html')) {
    void reply.header('content-security-policy', DASHBOARD_CSP);
    void reply.header('referrer-policy', 'no-referrer');
  }
  return reply.send(createReadStream(file));
}

/** Registers `GET /*` serving `root` (an absolute folder holding index.html). */
export function installDashboard(app: FastifyInstance, folder: string): void {
  const root = resolve(folder);
  const index = join(root, 'index.html');
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (SERVER_PATHS.test(path)) return reply.callNotFound();
    const file = path === '/' ? null : await fileAt(root, path);
    if (file) return send(reply, file, path.startsWith('/assets/'));
    // A missing asset is a 404, not the page (a stale tab would otherwise parse HTML as JS).
    if (path.startsWith('/assets/') || extname(path) !== '') return reply.callNotFound();
    return send(reply, index, false);
  });
}
