/**
 * Kill -9 robustness: a real `sahelsat serve` process is killed without warning, again and
 * again, while clients create requests and import element sets. Afterwards every request the
 * server acknowledged (201) is there with its history, every import landed whole or not at all,
 * the database is sound, the audit chain verifies, and a job queued before the first kill
 * still completes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type StoreConfig, openStore, sqliteIntegrityCheck } from '../../src/store/index.js';
import { testBackends, urlWithSchema } from '../support/backends.js';
import { REPO_DIR, referencePath } from '../support/reference.js';
import { ADMIN_PASSWORD, requestBody } from '../support/server.js';

const backends = await testBackends();
const CYCLES = 3;
const ACTIVE = readFileSync(referencePath('tle', 'active-2026-03-19.txt'), 'utf8').split('\n');
/** A distinct 3-line slice of the catalogue per import: `count` objects from object `first`. */
const slice = (first: number, count: number) =>
  ACTIVE.slice(first * 3, (first + count) * 3).join('\n');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe.each(backends)('kill -9 on $name', (backend) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('loses no acknowledged request and corrupts nothing', async () => {
    const fresh = await backend.fresh();
    cleanups.push(fresh.cleanup);
    const config = fresh.config as StoreConfig;
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      SAHELSAT_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    delete env.DATABASE_URL;
    if (config.kind === 'postgres') {
      await (await openStore(config)).close(); // creates the schema
      env.DATABASE_URL = urlWithSchema(config.url, config.schema!);
    }
    let child: ChildProcess | null = null;
    const start = async (threads: number) => {
      const port = await freePort();
      child = spawn(
        process.execPath,
        [
          join(REPO_DIR, 'bin/sahelsat.js'),
          'serve',
          '--port',
          String(port),
          '--data-dir',
          fresh.dataDir,
          '--job-threads',
          String(threads),
          '--job-lease',
          '2',
        ],
        {
          env,
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += String(d)));
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(`${base}/api/v1/health`)).ok) break;
        } catch {
          // not up yet
        }
        if (i > 300 || child.exitCode !== null) throw new Error(`server did not start: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      const token = ((await login.json()) as { token: string }).token;
      return {
        base,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      };
    };

    const acknowledged: string[] = [];
    const imports: Array<{ source: string; count: number; acknowledged: boolean }> = [];
    let jobId = '';
    let nextObject = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const { base, headers } = await start(1);
      if (cycle === 0) {
        // Some satellites first, so that the job has work to do.
        const first = await fetch(`${base}/api/v1/satellites/import?source=crash-seed`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'text/plain' },
          body: slice(0, 50),
        });
        expect(first.status).toBe(200);
        imports.push({ source: 'crash-seed', count: 50, acknowledged: true });
        nextObject = 50;
        const r = await fetch(`${base}/api/v1/jobs`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            type: 'passes',
            params: { start: '2026-03-19T00:00:00Z', hours: 24 * 3 },
          }),
        });
        jobId = ((await r.json()) as { id: string }).id;
      }
      let stop = false;
      const creator = async () => {
        while (!stop) {
          try {
            const r = await fetch(`${base}/api/v1/requests`, {
              method: 'POST',
              headers,
              body: JSON.stringify(requestBody({ title: `crash ${cycle}` })),
            });
            if (r.status === 201) acknowledged.push(((await r.json()) as { id: string }).id);
          } catch {
            return; // the server is gone
          }
        }
      };
      const importer = async (k: number) => {
        const count = 150;
        const first = nextObject;
        nextObject += count;
        const entry = { source: `crash-${cycle}-${k}`, count, acknowledged: false };
        imports.push(entry);
        try {
          const r = await fetch(`${base}/api/v1/satellites/import?source=${entry.source}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'text/plain' },
            body: slice(first, count),
          });
          entry.acknowledged = r.status === 200;
        } catch {
          // killed during the import
        }
      };
      const before = acknowledged.length;
      const work = Promise.all([creator(), creator(), creator(), importer(0), importer(1)]);
      // Kill at a random moment once work is flowing (some requests acknowledged, imports under way).
      for (let i = 0; i < 100 && acknowledged.length < before + 3; i++)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.random() * 300));
      child!.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      stop = true;
      await work;
    }
    expect(acknowledged.length).toBeGreaterThan(CYCLES);

    const store = await openStore(config);
    try {
      if (store.dialect === 'sqlite') expect(await sqliteIntegrityCheck(store.db)).toBe('ok');
      for (const id of acknowledged) {
        const r = await store.requests.getAny(id);
        expect(r, `request ${id} was acknowledged`).not.toBeNull();
        expect((await store.requests.events(id)).map((e) => e.toStatus)).toEqual(['draft']);
      }
      for (const imp of imports) {
        const n = Number(
          (
            await sql<{
              n: number;
            }>`select count(*) as n from element_sets where source = ${imp.source}`.execute(
              store.db,
            )
          ).rows[0]!.n,
        );
        expect([0, imp.count], `import ${imp.source}`).toContain(n);
        if (imp.acknowledged) expect(n).toBe(imp.count);
      }
      expect(await store.audit.verify()).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }

    // The job queued before the first kill survives and completes.
    const { base, headers } = await start(1);
    try {
      for (let i = 0; ; i++) {
        const j = (await (await fetch(`${base}/api/v1/jobs/${jobId}`, { headers })).json()) as {
          status: string;
          result: { count: number };
        };
        if (j.status === 'succeeded') {
          expect(j.result.count).toBeGreaterThan(0);
          break;
        }
        expect(j.status).not.toBe('failed');
        if (i > 1200) throw new Error('the job did not complete');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      child!.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
  });
});
