// End-to-end: the built CLI (npm test builds first) checking fixtures, solving a case, and
// refusing bad input with a located message.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAeossp } from '../../src/planner/aeossp/check.js';
import { loadAeosspCase, loadAeosspSolution } from '../../src/planner/aeossp/load.js';
import { REPO_DIR, referencePath } from '../support/reference.js';

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(REPO_DIR, 'bin/sahelsat.js'), ...args], {
      env: { ...process.env, LANG: 'C' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolveRun({ code, out, err }));
  });
}

const FIX = referencePath('astro-reason', 'aeossp_standard', 'fixtures');

describe('sahelsat aeossp', () => {
  it('check: a valid fixture exits 0 with the expected metrics in JSON', async () => {
    const dir = join(FIX, 'full_completion_valid');
    const r = await cli(['aeossp', 'check', dir, join(dir, 'solution.json'), '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { valid: boolean; metrics: { PC: number; WCR: number } };
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
      metrics: { PC: number };
    };
    expect(report.valid).toBe(true);
    expect(report.metrics.WCR).toBe(1);
    expect(Math.abs(report.metrics.PC - expected.metrics.PC)).toBeLessThan(
      1e-9 * expected.metrics.PC,
    );
  });

  it('check: an invalid fixture exits 1 and names the violation', async () => {
    const dir = join(FIX, 'slew_gap_invalid');
    const r = await cli(['aeossp', 'check', dir, join(dir, 'solution.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('insufficient slew/settle time');
    expect(r.out).toContain('actions[1]');
  });

  it('check: a malformed solution is a located error (exit 2), not a crash', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'aeossp-'));
    const bad = join(tmp, 'bad.json');
    writeFileSync(
      bad,
      '{"actions": [\n {"type": "observation", "satellite_id": "sat_001", "task_id": "task_001",\n  "start_time": "2025-07-17T04:12:00", "end_time": "2025-07-17T04:12:05Z"}]}\n',
    );
    const r = await cli(['aeossp', 'check', join(FIX, 'full_completion_valid'), bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.json:2');
    expect(r.err).toContain('actions[0].start_time');
    expect(r.err).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('solve: writes a solution our checker accepts', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'aeossp-'));
    const out = join(tmp, 'sol.json');
    const dir = referencePath('astro-reason', 'aeossp_standard', 'cases', 'test_easy', 'case_0003');
    const r = await cli(['aeossp', 'solve', dir, '--time-limit-s', '4', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as { valid: boolean; metrics: { WCR: number } };
    expect(summary.valid).toBe(true);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { actions: { type: string }[] };
    expect(written.actions.length).toBeGreaterThan(100);
    expect(written.actions.every((a) => a.type === 'observation')).toBe(true);
    const report = checkAeossp(loadAeosspCase(dir), loadAeosspSolution(out));
    expect(report.valid).toBe(true);
    expect(report.metrics.WCR).toBeCloseTo(summary.metrics.WCR, 12);
  }, 120_000);
});
