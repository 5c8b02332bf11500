// Our aeossp checker against every hand-made fixture of the benchmark (expected.json holds the
// verifier's exact output): validity, metrics to 1e-9 relative, the first failure's stage,
// reason, action, satellite, task and time, the number of failures, per-task and per-satellite
// diagnostics.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAeossp } from '../../../src/planner/aeossp/check.js';
import { loadAeosspCase, loadAeosspSolution } from '../../../src/planner/aeossp/load.js';
import { referencePath } from '../../support/reference.js';

const DIR = referencePath('astro-reason', 'aeossp_standard', 'fixtures');
const fixtures = readdirSync(DIR).sort();

interface Expected {
  valid: boolean;
  metrics: { CR: number; WCR: number; TAT: number | null; PC: number };
  action_failures_len: number;
  violation_substrings?: string[];
  first_action_failure?: {
    action_index: number;
    reason_substring: string;
    satellite_id: string;
    stage: string;
    task_id: string;
    time: string;
  };
  diagnostics: {
    per_task: Record<
      string,
      { completed: boolean; completed_by_action_index?: number | null; completion_time?: string }
    >;
    per_satellite_resource_summary?: Record<
      string,
      { failed: boolean; gross_consumption_wh?: number; total_imaging_time_s?: number }
    >;
  };
}

const close = (got: number, want: number): void =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));

describe('aeossp checker on the benchmark fixtures', () => {
  it('finds all eight fixtures', () => expect(fixtures.length).toBe(8));

  it.each(fixtures)('%s', (name) => {
    const dir = join(DIR, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const report = checkAeossp(loadAeosspCase(dir), loadAeosspSolution(join(dir, 'solution.json')));
    expect(report.valid).toBe(expected.valid);
    expect(report.metrics.CR).toBe(expected.metrics.CR);
    expect(report.metrics.WCR).toBe(expected.metrics.WCR);
    if (expected.metrics.TAT === null) expect(report.metrics.TAT).toBeNull();
    else close(report.metrics.TAT!, expected.metrics.TAT);
    close(report.metrics.PC, expected.metrics.PC);
    expect(report.actionFailures.length).toBe(expected.action_failures_len);
    for (const s of expected.violation_substrings ?? [])
      expect(report.actionFailures.some((f) => f.message.includes(s))).toBe(true);
    const ef = expected.first_action_failure;
    if (ef) {
      const f = report.actionFailures[0]!;
      expect({
        action_index: f.actionIndex,
        satellite_id: f.satelliteId,
        stage: f.stage,
        task_id: f.taskId,
        time: new Date(f.timeMs).toISOString().replace('.000Z', 'Z'),
      }).toEqual({
        action_index: ef.action_index,
        satellite_id: ef.satellite_id,
        stage: ef.stage,
        task_id: ef.task_id,
        time: ef.time,
      });
      expect(f.message).toContain(ef.reason_substring);
    }
    for (const [id, want] of Object.entries(expected.diagnostics.per_task)) {
      const got = report.perTask.get(id)!;
      expect(got.completed).toBe(want.completed);
      if (want.completed_by_action_index !== undefined)
        expect(got.completedByActionIndex).toBe(want.completed_by_action_index);
      if (want.completion_time !== undefined)
        expect(new Date(got.completionTimeMs!).toISOString().replace('.000Z', 'Z')).toBe(
          want.completion_time,
        );
    }
    for (const [id, want] of Object.entries(
      expected.diagnostics.per_satellite_resource_summary ?? {},
    )) {
      const got = report.perSatellite.get(id)!;
      expect(got.failed).toBe(want.failed);
      if (want.gross_consumption_wh !== undefined)
        close(got.grossConsumptionWh, want.gross_consumption_wh);
      if (want.total_imaging_time_s !== undefined)
        expect(got.totalImagingTimeS).toBe(want.total_imaging_time_s);
    }
  });
});
