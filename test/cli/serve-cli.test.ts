/** `sahelsat serve` refuses a bad setting before opening anything, naming it (English, French). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('sahelsat serve settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sahelsat-serve-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a bad SAHELSAT_SHARED_CACHE_MS with exit code 2 and the variable named', () => {
    const dataDir = join(dir, 'var');
    for (const [lang, value, text] of [
      ['C', 'abc', /bad delay of the shared-state cache/],
      ['fr_FR.UTF-8', '-5', /délai du cache d’état partagé invalide/],
      ['C', '60001', /0…60000/],
    ] as const) {
      const r = runCli(['serve', '--port', '0', '--data-dir', dataDir], {
        env: { LANG: lang, SAHELSAT_SHARED_CACHE_MS: value },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/SAHELSAT_SHARED_CACHE_MS/);
      expect(r.stderr).toMatch(text);
      expect(r.stderr).toContain(`"${value}"`);
    }
    expect(existsSync(dataDir)).toBe(false); // nothing was opened
  });
});
