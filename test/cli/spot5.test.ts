// End-to-end: the built CLI (npm test builds first) with its HiGHS worker thread.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifySpot5 } from '../../src/planner/verify-spot5.js';
import { REPO_DIR, readReference, referencePath } from '../support/reference.js';

function cli(
  args: string[],
  opts: { interruptAfterMs?: number } = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(REPO_DIR, 'bin/sahelsat.js'), ...args], {
      env: { ...process.env, LANG: 'C' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    if (opts.interruptAfterMs) setTimeout(() => child.kill('SIGINT'), opts.interruptAfterMs);
    child.on('close', (code) => resolveRun({ code, out, err }));
  });
}

describe('sahelsat spot5', () => {
  it('solves 54.spot to proven optimality and prints the JSON answer', async () => {
    const r = await cli([
      'spot5',
      referencePath('spot5', '54.spot'),
      '--time-limit-s',
      '30',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.out) as {
      value: number;
      bound: number | null;
      timeS: number;
      selected: Record<string, number>;
    };
    expect(Object.keys(answer).sort()).toEqual(['bound', 'selected', 'timeS', 'value']);
    expect(answer.value).toBe(70);
    expect(answer.bound).toBe(70);
    expect(verifySpot5(readReference('spot5', '54.spot'), answer).violations).toEqual([]);
  });

  it('returns the best so far on Ctrl-C (exit 130) with a valid answer', async () => {
    const r = await cli(['spot5', referencePath('spot5', '1506.spot'), '--time-limit-s', '60'], {
      interruptAfterMs: 2500,
    });
    expect(r.code).toBe(130);
    const answer = JSON.parse(r.out) as { value: number; selected: Record<string, number> };
    expect(verifySpot5(readReference('spot5', '1506.spot'), answer).violations).toEqual([]);
    expect(answer.value).toBeGreaterThan(0);
  });

  it('verifies a solution file and rejects a bad one (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spot5-'));
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, JSON.stringify({ value: 3, selected: { '0': 1, '4': 13 } }));
    writeFileSync(bad, JSON.stringify({ selected: { '0': 3, '1': 3 } }));
    const file = referencePath('spot5', '8.spot');
    expect((await cli(['spot5', 'verify', file, good, '--format', 'text'])).code).toBe(0);
    const r = await cli(['spot5', 'verify', file, bad, '--format', 'text']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/8\.spot:11: photos 1,0 take the forbidden values 3,3/);
  });

  it('reports a malformed file with its location (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spot5-'));
    const f = join(dir, 'broken.spot');
    writeFileSync(f, '2\n0 1 1 2 0\n1 2 1 13 0\n1\n2 0 9 2 13\n');
    const r = await cli(['spot5', f, '--time-limit-s', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('broken.spot:5:3 (photo id)');
  });
});
