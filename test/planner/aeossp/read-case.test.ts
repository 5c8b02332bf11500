// Bad case and solution files give located errors (file, line, field), never a crash.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import {
  type CaseTexts,
  parseAeosspCase,
  parseAeosspSolution,
} from '../../../src/planner/aeossp/read-case.js';
import { referencePath } from '../../support/reference.js';

const DIR = referencePath('astro-reason', 'aeossp_standard', 'fixtures', 'slew_gap_invalid');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const texts = (patch: Partial<Record<keyof CaseTexts, string>> = {}): CaseTexts => ({
  mission: { text: patch.mission ?? read('mission.yaml'), file: 'mission.yaml' },
  satellites: { text: patch.satellites ?? read('satellites.yaml'), file: 'satellites.yaml' },
  tasks: { text: patch.tasks ?? read('tasks.yaml'), file: 'tasks.yaml' },
});

function located(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return err as ValidationError;
  }
  throw new Error('no error');
}

describe('aeossp case reader', () => {
  it('reads the fixture: one satellite, two tasks, the horizon in UTC ms', () => {
    const c = parseAeosspCase(texts());
    expect(c.satellites.map((s) => s.id)).toEqual(['sat_001']);
    expect(c.tasks.map((t) => t.id)).toEqual(['task_001', 'task_002']);
    expect(c.mission.horizonStartMs).toBe(Date.UTC(2025, 6, 17, 4, 10));
    expect(c.satellites[0]!.maxSlewAccelerationDegS2).toBe(1);
  });

  it('locates a negative slew rate at its line and field', () => {
    const text = read('satellites.yaml').replace(
      'max_slew_velocity_deg_per_s: 2.0',
      'max_slew_velocity_deg_per_s: -2.0',
    );
    const lineNo = text.split('\n').findIndex((l) => l.includes('-2.0')) + 1;
    const e = located(() => parseAeosspCase(texts({ satellites: text })));
    expect(e.location).toMatchObject({
      file: 'satellites.yaml',
      line: lineNo,
      field: 'satellites[0].attitude_model.max_slew_velocity_deg_per_s',
    });
  });

  it('locates broken YAML, a missing field, a due time before release, a duplicate id', () => {
    expect(
      located(() => parseAeosspCase(texts({ tasks: 'tasks:\n  - task_id: [\n' }))).location,
    ).toMatchObject({ file: 'tasks.yaml' });
    const missing = read('tasks.yaml').replace(/ {4}weight: 1.0\n/, '');
    expect(located(() => parseAeosspCase(texts({ tasks: missing }))).location.field).toBe(
      'tasks[0].weight',
    );
    const reversed = read('tasks.yaml').replace(
      'due_time: "2025-07-17T04:12:30Z"',
      'due_time: "2025-07-17T04:00:00Z"',
    );
    expect(located(() => parseAeosspCase(texts({ tasks: reversed }))).location.field).toBe(
      'tasks[0].due_time',
    );
    const dup = read('tasks.yaml').replace('task_id: task_002', 'task_id: task_001');
    const e = located(() => parseAeosspCase(texts({ tasks: dup })));
    expect(e.location.field).toBe('tasks[1].task_id');
    expect(e.location.line).toBeGreaterThan(10);
  });

  it('refuses a horizon ending before it starts and a garbled TLE', () => {
    const mission = read('mission.yaml').replace(
      'horizon_end: "2025-07-17T04:20:00Z"',
      'horizon_end: "2025-07-17T04:00:00Z"',
    );
    expect(located(() => parseAeosspCase(texts({ mission }))).location.field).toBe(
      'mission.horizon_end',
    );
    const sats = read('satellites.yaml').replace('14.93504225', '0.00000000');
    expect(located(() => parseAeosspCase(texts({ satellites: sats }))).location.field).toMatch(
      /^satellites\[0\]\.tle_line/,
    );
  });
});

describe('aeossp solution reader', () => {
  const action = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'observation',
    satellite_id: 'sat_001',
    task_id: 'task_001',
    start_time: '2025-07-17T04:12:00Z',
    end_time: '2025-07-17T04:12:05Z',
    ...extra,
  });
  const file = (actions: unknown[]): string => JSON.stringify({ actions }, null, 2);

  it('reads times with a zone, Z or offset', () => {
    const s = parseAeosspSolution(
      file([action({ start_time: '2025-07-17T06:12:00+02:00' })]),
      'sol.json',
    );
    expect(s.actions[0]!.startMs).toBe(Date.UTC(2025, 6, 17, 4, 12));
  });

  it('rejects the whole file for another action type, a time without zone, bad JSON', () => {
    const e = located(() =>
      parseAeosspSolution(file([action(), action({ type: 'downlink' })]), 'sol.json'),
    );
    expect(e.location).toMatchObject({ file: 'sol.json', field: 'actions[1].type', line: 10 });
    expect(
      located(() =>
        parseAeosspSolution(file([action({ end_time: '2025-07-17T04:12:05' })]), 'sol.json'),
      ).location.field,
    ).toBe('actions[0].end_time');
    expect(located(() => parseAeosspSolution('{"actions": [', 'sol.json')).location.file).toBe(
      'sol.json',
    );
    expect(
      located(() => parseAeosspSolution(file([action({ task_id: undefined })]), 'sol.json'))
        .location.field,
    ).toBe('actions[0].task_id');
  });
});
