/**
 * `sahelsat catalog`, `elset` and `demo` end to end.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/io/catalog.js';
import { runCli, runCliAsync } from '../support/cli.js';
import { referencePath } from '../support/reference.js';

const EO = referencePath('tle', 'sahel-eo-leo-50.tle');

describe('sahelsat catalog', () => {
  it('converts between every format without losing an element set', () => {
    let file = EO;
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-'));
    for (const format of ['omm-json', 'omm-xml', 'omm-kvn', 'tle']) {
      const r = runCli(['catalog', 'convert', file, '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      file = join(dir, `cat.${format}`);
      writeFileSync(file, r.stdout);
      expect(readCatalog(r.stdout).entries).toHaveLength(50);
    }
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(EO, 'utf8'));
  });

  it('imports into the local cache, keeps the latest epoch, lists it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-'));
    const first = runCli(['catalog', 'import', EO, '--data-dir', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/50 added, 0 updated, 0 unchanged; cache now 50 objects/);
    const again = runCli(['catalog', 'import', EO], { env: { SAHELSAT_DATA_DIR: dir } });
    expect(again.stdout).toMatch(/0 added, 0 updated, 50 unchanged/);
    const list = runCli(['catalog', 'list', '--data-dir', dir]);
    expect(list.stdout.split('\n')).toHaveLength(52);
    expect(list.stdout).toMatch(/SENTINEL-1A/);
  });

  it('checks a file and fails with exit code 2 on any error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{"OBJECT_NAME": "X", "EPOCH": "2026-03-19T00:00:00", "NORAD_CAT_ID": 1}]');
    const r = runCli(['catalog', 'check', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json:1 \(MEAN_MOTION\): missing keyword MEAN_MOTION/);
    expect(runCli(['catalog', 'check', EO]).code).toBe(0);
  });

  it('fetches from a configured endpoint into the cache (a local HTTP server stands in for CelesTrak)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-'));
    const body = readFileSync(EO, 'utf8');
    const server = createServer((req, res) => {
      if (req.url === '/gp.php?GROUP=sahel&FORMAT=tle') res.end(body);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    try {
      const good = await runCliAsync([
        'catalog',
        'fetch',
        '--url',
        `http://127.0.0.1:${port}/gp.php?GROUP=sahel&FORMAT=tle`,
        '--data-dir',
        dir,
      ]);
      expect(good.code, good.stderr).toBe(0);
      expect(good.stdout).toMatch(/50 added/);
      const missing = await runCliAsync([
        'catalog',
        'fetch',
        '--url',
        `http://127.0.0.1:${port}/nothing`,
        '--data-dir',
        dir,
      ]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/download failed: HTTP 404/);
    } finally {
      server.close();
    }
  });

  it('never contacts the network unless given a URL', () => {
    const r = runCli(['catalog', 'fetch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no URL: give --url or set SAHELSAT_CATALOG_URL/);
  });
});

describe('sahelsat elset and demo', () => {
  it('builds the demo constellation as TLEs that read back', () => {
    const r = runCli(['elset', 'build', '--format', 'tle']);
    expect(r.code).toBe(0);
    const c = readCatalog(r.stdout);
    expect(c.errors).toEqual([]);
    expect(c.entries.map((e) => e.elements.name)).toEqual([
      'SAHELSAT-OPT-1',
      'SAHELSAT-OPT-2',
      'SAHELSAT-SAR-1',
      'SAHELSAT-COM-1',
    ]);
  });

  it('shows the demo passes in English and in French', () => {
    const en = runCli(['demo', '--start', '2026-03-19T00:00:00Z', '--hours', '12']);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/SAHELSAT-SAR-1/);
    expect(en.stdout).toMatch(/continuously visible/);
    const fr = runCli(['demo', '--start', '2026-03-19T00:00:00Z', '--hours', '12', '--lang', 'fr']);
    expect(fr.stdout).toMatch(/visible en permanence/);
  });
});
