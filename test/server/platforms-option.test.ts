/**
 * The fleet a server plans with: `platformsFile` (`sahelsat serve --platforms`,
 * `SAHELSAT_PLATFORMS`) replaces the bundled demo platforms; a bad file stops the start with its
 * location, before any storage is opened.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { buildServer } from '../../src/server/index.js';
import { runCli } from '../support/cli.js';
import { testBackends } from '../support/backends.js';
import { type TestServer, bearer, createUsers, startServer } from '../support/server.js';

const backends = await testBackends();
const dir = mkdtempSync(join(tmpdir(), 'sahelsat-platforms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bundled = JSON.parse(readFileSync('data/platforms.json', 'utf8')) as {
  platforms: Array<{ satelliteId: string; memoryGb: number }>;
};
// A fleet of one: the first bundled platform only.
const ONE = join(dir, 'one.json');
writeFileSync(ONE, JSON.stringify({ platforms: [bundled.platforms[0]] }, null, 2));
const [kept, dropped] = [bundled.platforms[0]!.satelliteId, bundled.platforms[1]!.satelliteId];

describe.each(backends)('the planning fleet on $name', (backend) => {
  const tokens = new WeakMap<TestServer, string>();
  const planWith = async (s: TestServer, satellite: string) => {
    if (!tokens.has(s)) tokens.set(s, (await createUsers(s)).get('operator-ml')!.token);
    const token = tokens.get(s)!;
    return s.app.inject({
      method: 'POST',
      url: '/api/v1/jobs',
      headers: bearer(token),
      payload: { type: 'planning', params: { reason: 'fleet', satellites: [satellite] } },
    });
  };

  it('plans only with the satellites of the given platform file', async () => {
    const s = await startServer(backend, { platformsFile: ONE });
    try {
      const refused = await planWith(s, dropped);
      expect(refused.statusCode).toBe(400);
      const issue = refused.json().error.issues[0];
      expect(issue.path).toBe('body.params.satellites.0');
      expect(issue.message).toMatch(/cannot image: no platform/);
      expect((await planWith(s, kept)).statusCode).toBe(202);
    } finally {
      await s.close();
    }
    // the same satellite is plannable with the bundled fleet
    const d = await startServer(backend);
    try {
      expect((await planWith(d, dropped)).statusCode).toBe(202);
    } finally {
      await d.close();
    }
  });
});

describe('a bad platform file', () => {
  it('stops buildServer with the file and field named, before the store is opened', async () => {
    const bad = join(dir, 'bad.json');
    const p = structuredClone(bundled);
    p.platforms[1]!.memoryGb = -4;
    writeFileSync(bad, JSON.stringify(p, null, 2));
    const dataDir = join(dir, 'never');
    const err = await buildServer({ dataDir, platformsFile: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).location.file).toBe(bad);
    expect((err as ValidationError).location.field).toBe('platforms[1].memoryGb');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('sahelsat serve --platforms names a missing file (exit code 2), and SAHELSAT_PLATFORMS too', () => {
    const dataDir = join(dir, 'var');
    const missing = join(dir, 'no-such-fleet.json');
    const a = runCli(['serve', '--port', '0', '--data-dir', dataDir, '--platforms', missing]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain(missing);
    expect(a.stderr).toMatch(/cannot read the platform file \(ENOENT\)/);
    const b = runCli(['serve', '--port', '0', '--data-dir', dataDir], {
      env: { SAHELSAT_PLATFORMS: missing, LANG: 'fr_FR.UTF-8' },
    });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(missing);
    expect(b.stderr).toMatch(/impossible de lire le fichier des plates-formes \(ENOENT\)/);
    expect(existsSync(dataDir)).toBe(false);
  });
});
