// End-to-end: the built CLI (npm test builds first): plan, verify, generate, Ctrl-C, bad input.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, verifyPlan } from '../../src/planner/index.js';
import { runCli } from '../support/cli.js';
import { REPO_DIR } from '../support/reference.js';

const dir = mkdtempSync(join(tmpdir(), 'sahelsat-plan-'));

describe('sahelsat plan', () => {
  it('generates a scenario, plans it, and verifies the plan', () => {
    const scen = join(dir, 'gen.json');
    const g = runCli([
      'plan',
      'generate',
      '--seed',
      '3',
      '--requests',
      '60',
      '--hours',
      '24',
      '--out',
      scen,
    ]);
    expect(g.code).toBe(0);
    expect(g.stderr).toMatch(/60 requests, 6 satellites, 24 h/);
    const out = join(dir, 'plan.json');
    const p = runCli(['plan', '--scenario', scen, '--out', out, '--time-limit-s', '2', '--quiet']);
    expect(p.code).toBe(0);
    const plan = JSON.parse(readFileSync(out, 'utf8'));
    expect(verifyPlan(parseScenario(readFileSync(scen, 'utf8'), scen), plan).violations).toEqual(
      [],
    );
    const v = runCli(['plan', 'verify', '--scenario', scen, '--plan', out]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^valid: \d+ acquisitions/);
    plan.acquisitions[0].rollDeg += 5;
    writeFileSync(join(dir, 'bad-plan.json'), JSON.stringify(plan));
    const bad = runCli(
      ['plan', 'verify', '--scenario', scen, '--plan', join(dir, 'bad-plan.json')],
      {
        env: { SAHELSAT_LANG: 'fr' },
      },
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^INVALIDE : \d+ violation/);
    expect(bad.stdout).toMatch(/\[attitude\]/);
  });

  it('names the file, line and field of a bad scenario (exit 2)', () => {
    const text = readFileSync(join(REPO_DIR, 'data/scenarios/demo.json'), 'utf8').replace(
      '"memoryGb": 256',
      '"memoryGb": -256',
    );
    const f = join(dir, 'bad.json');
    writeFileSync(f, text);
    const r = runCli(['plan', '--scenario', f, '--out', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json:\d+:\d+ \(satellites\[0\]\.memoryGb\)/);
  });

  it('Ctrl-C writes the best plan found so far and exits 130', async () => {
    const out = join(dir, 'int.json');
    const r = await new Promise<{ code: number | null; err: string }>((done) => {
      const child = spawn(
        process.execPath,
        [
          join(REPO_DIR, 'bin/sahelsat.js'),
          'plan',
          '--scenario',
          'data/scenarios/demo.json',
          '--out',
          out,
          '--time-limit-s',
          '120',
        ],
        { cwd: REPO_DIR, env: { ...process.env, LANG: 'C' } },
      );
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      setTimeout(() => child.kill('SIGINT'), 4000);
      child.on('close', (code) => done({ code, err }));
    });
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/interrupted: the best plan found so far was written/);
    const scen = parseScenario(
      readFileSync(join(REPO_DIR, 'data/scenarios/demo.json'), 'utf8'),
      'demo.json',
    );
    expect(verifyPlan(scen, JSON.parse(readFileSync(out, 'utf8'))).violations).toEqual([]);
  });
});
