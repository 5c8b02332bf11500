/**
 * `sahelsat layers import|list` against the local store (SQLite in a data directory made by a
 * server), as a user of that store: the Niger imported by an analyst of Burkina Faso is then
 * served by the API with its audit entry; a bad KML gives one located line per problem and exit
 * code 2 (in French with LANG=fr); a viewer is refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { runCli } from '../support/cli.js';
import { referencePath } from '../support/reference.js';

const NIGER = referencePath('geodata', 'river_niger_ne10m.geojson');
const ADMIN = 'admin password for the layers CLI test';
const PASSWORD = 'user password for the layers CLI test';

async function withServer<T>(
  dir: string,
  fn: (
    token: (u: string) => Promise<string>,
    app: Awaited<ReturnType<typeof buildServer>>,
  ) => Promise<T>,
): Promise<T> {
  const app = await buildServer({ dataDir: dir, adminPassword: ADMIN, jobs: { threads: 0 } });
  try {
    const token = async (username: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: username === 'admin' ? ADMIN : PASSWORD },
        })
      ).json().token as string;
    return await fn(token, app);
  } finally {
    await app.close();
  }
}

describe('sahelsat layers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sahelsat-layers-cli-'));
    await withServer(dir, async (token, app) => {
      const admin = await token('admin');
      for (const [username, role] of [
        ['analyst-bf', 'analyst'],
        ['viewer-bf', 'viewer'],
      ])
        expect(
          (
            await app.inject({
              method: 'POST',
              url: '/api/v1/users',
              headers: { authorization: `Bearer ${admin}` },
              payload: { username, password: PASSWORD, role, nation: 'BF' },
            })
          ).statusCode,
        ).toBe(201);
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the Niger as an analyst of Burkina Faso; the server then serves it', async () => {
    const r = runCli([
      'layers',
      'import',
      NIGER,
      '--name',
      'Niger',
      '--as',
      'analyst-bf',
      '--data-dir',
      dir,
      '--colour',
      '#ff00ff',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^imported layer [0-9a-f-]{36} “Niger”: 2 feature\(s\), 1825 position\(s\) \(MultiLineString\), owned by BF, released to the nation\n$/,
    );
    const list = runCli(['layers', 'list', '--as', 'viewer-bf', '--data-dir', dir]);
    expect(list.stdout).toMatch(/\tNiger\tBF\tnation\t2\tMultiLineString\t#ff00ff\n$/);
    // Not visible to the joint centre's admin (released to BF only).
    expect(runCli(['layers', 'list', '--data-dir', dir]).stdout).toBe('no imported layer\n');
    await withServer(dir, async (token, app) => {
      const auth = { authorization: `Bearer ${await token('analyst-bf')}` };
      const items = (await app.inject({ url: '/api/v1/imported-layers', headers: auth })).json()
        .items;
      expect(items).toEqual([
        expect.objectContaining({
          name: 'Niger',
          ownerNation: 'BF',
          sourceName: 'river_niger_ne10m.geojson',
        }),
      ]);
    });
  });

  it('lists the problems of a bad file with their lines and exits with 2', () => {
    const bad = join(dir, 'bad.kml');
    writeFileSync(
      bad,
      '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n<Placemark><name>a</name>\n<LineString><coordinates>1,2 3,x</coordinates></LineString></Placemark>\n<Placemark><Point><coordinates>1,95</coordinates></Point></Placemark>\n</Document></kml>',
    );
    const r = runCli(['layers', 'import', bad, '--as', 'analyst-bf', '--data-dir', dir], {
      env: { LANG: 'fr_FR.UTF-8' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      `${bad}:2: Placemark[0].LineString.coordinates[1]: un tuple de coordonnées s’écrit « longitude,latitude[,altitude] » : reçu « 3,x »`,
      `${bad}:4: Placemark[1].Point.coordinates[0]: latitude 95 hors de −90…90`,
    ]);
    expect(r.stderr).toContain('le fichier a 2 problème(s)');
  });

  it('refuses a viewer and an unknown user', () => {
    const viewer = runCli(['layers', 'import', NIGER, '--as', 'viewer-bf', '--data-dir', dir]);
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toContain('your role (viewer) may not import layers');
    const nobody = runCli(['layers', 'import', NIGER, '--as', 'nobody', '--data-dir', dir]);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('--as');
  });
});
