/**
 * Serves the built dashboard (`dist/web`) at `/`: files as they are, hashed assets cached for a
 * year, and `index.html` for every other path that is not under `/api` or `/stac` (the
 * dashboard's own routes live in the browser). Missing assets and unknown API paths stay 404s
 * with the API's error body. The page gets a Content-Security-Policy that lets it talk to its
 * own origin only: the browser itself refuses any request to another host. Text files are sent
 * gzip-compressed to browsers that accept it (compressed once, kept in memory: the dashboard
 * is a few megabytes, and national sites reach the server over slow links).
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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

const gzip = promisify(gzipCallback);
/** Types worth compressing (fonts and images are compressed already). */
const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json))|svg/;

/** Gzipped files by path and modification time (a rebuild changes the time). */
type GzipCache = Map<string, { mtimeMs: number; body: Promise<Buffer> }>;

async function gzipped(cache: GzipCache, file: string): Promise<Buffer> {
  const { mtimeMs } = await stat(file);
  let entry = cache.get(file);
  if (!entry || entry.mtimeMs !== mtimeMs) {
    entry = { mtimeMs, body: readFile(file).then((b) => gzip(b, { level: 9 })) };
    cache.set(file, entry);
    entry.body.catch(() => cache.delete(file));
  }
  return entry.body;
}

async function send(
  req: FastifyRequest,
  reply: FastifyReply,
  file: string,
  immutable: boolean,
  cache: GzipCache,
): Promise<FastifyReply> {
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
  if (COMPRESSIBLE.test(type)) {
    void reply.header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')))
      return reply.header('content-encoding', 'gzip').send(await gzipped(cache, file));
  }
  return reply.send(createReadStream(file));
}

/** Registers `GET /*` serving `root` (an absolute folder holding index.html). */
export function installDashboard(app: FastifyInstance, folder: string): void {
  const root = resolve(folder);
  const index = join(root, 'index.html');
  const cache: GzipCache = new Map();
  // Compress the page and its assets now, in the background, rather than on the first visit.
  void (async () => {
    const files = [
      index,
      ...(await readdir(join(root, 'assets')).catch(() => [])).map((f) => join(root, 'assets', f)),
    ];
    for (const f of files)
      if (COMPRESSIBLE.test(TYPES[extname(f).toLowerCase()] ?? ''))
        await gzipped(cache, f).catch(() => undefined);
  })();
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (SERVER_PATHS.test(path)) return reply.callNotFound();
    const file = path === '/' ? null : await fileAt(root, path);
    if (file) return send(req, reply, file, path.startsWith('/assets/'), cache);
    // A missing asset is a 404, not the page (a stale tab would otherwise parse HTML as JS).
    if (path.startsWith('/assets/') || extname(path) !== '') return reply.callNotFound();
    return send(req, reply, index, false, cache);
  });
}
