/**
 * Reading a scenario file: JSON syntax, the schema (scenario-schema.ts), then the consistency
 * checks that a schema cannot express (a window ending before it starts, duplicate or unknown
 * ids, a TLE that does not decode, an AOI ring that crosses itself). Every error is a
 * ValidationError naming the file, the line and column, and the JSON path of the field.
 */
import { ValidationError } from '../../core/errors.js';
import { validateGeometry } from '../../access/aoi/validate.js';
import type { AoiGeometry } from '../../access/aoi/types.js';
import { jsonSyntaxErrorOffset, lineColumnAt, locateJsonPath } from './json-locate.js';
import { scenarioSchema } from './scenario-schema.js';
import { decodeTle } from './tle.js';
import type { Scenario } from './types.js';

type Path = readonly (string | number)[];

function pathText(path: Path): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

function fail(
  text: string,
  file: string,
  path: Path,
  message: string,
  extra: { expected?: string; received?: string } = {},
): never {
  const off = locateJsonPath(text, path);
  throw new ValidationError(message, {
    location: {
      file,
      ...(off >= 0 ? lineColumnAt(text, off) : {}),
      field: pathText(path) || '(root)',
    },
    ...extra,
  });
}

/**
 * Parses and checks a scenario. `file` is used in messages only.
 * @throws ValidationError with location {file, line, column, field = JSON path}.
 * @example parseScenario(readFileSync('data/scenarios/demo.json', 'utf8'), 'demo.json')
 */
export function parseScenario(text: string, file: string): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const off = jsonSyntaxErrorOffset(text);
    throw new ValidationError('not valid JSON', {
      location: { file, ...lineColumnAt(text, Math.max(0, off)) },
      received: msg,
    });
  }
  const r = scenarioSchema.safeParse(data);
  if (!r.success) {
    const first = r.error.issues[0]!;
    fail(text, file, first.path as Path, first.message);
  }
  const s = r.data;
  checkConsistency(s as unknown as Scenario, text, file);
  return s as unknown as Scenario;
}

function checkConsistency(s: Scenario, text: string, file: string): void {
  const startMs = Date.parse(s.start);
  const satIds = new Set<string>();
  s.satellites.forEach((sat, i) => {
    if (satIds.has(sat.id))
      fail(text, file, ['satellites', i, 'id'], `duplicate satellite id "${sat.id}"`);
    satIds.add(sat.id);
    const el = decodeTle(sat.tle[0], sat.tle[1], sat.name ?? sat.id);
    if ('message' in el)
      fail(
        text,
        file,
        ['satellites', i, 'tle', el.line - 1],
        `TLE line ${el.line}, column ${el.column}: ${el.message}`,
      );
    if (el.meanMotionRevPerDay < 6)
      fail(
        text,
        file,
        ['satellites', i, 'tle', 1],
        'only low Earth orbit imaging satellites are planned',
        {
          expected: 'mean motion ≥ 6 rev/day',
          received: String(el.meanMotionRevPerDay),
        },
      );
    if (Math.abs(el.epochMs - startMs) > 60 * 86_400_000)
      fail(
        text,
        file,
        ['satellites', i, 'tle', 0],
        'TLE epoch more than 60 days from the scenario start: SGP4 would be meaningless',
        {
          received: new Date(el.epochMs).toISOString(),
        },
      );
    if (sat.sensor.kind === 'sar' && sat.sensor.incidenceFarDeg <= sat.sensor.incidenceNearDeg)
      fail(
        text,
        file,
        ['satellites', i, 'sensor', 'incidenceFarDeg'],
        'far incidence must exceed near incidence',
      );
  });
  const stIds = new Set<string>();
  s.stations.forEach((st, i) => {
    if (stIds.has(st.id))
      fail(text, file, ['stations', i, 'id'], `duplicate station id "${st.id}"`);
    stIds.add(st.id);
  });
  const ent = s.nations.ML.entitlement + s.nations.BF.entitlement + s.nations.NE.entitlement;
  if (!(ent > 0)) fail(text, file, ['nations'], 'entitlements must not all be zero');
  const reqIds = new Set<string>();
  s.requests.forEach((q, i) => {
    if (reqIds.has(q.id)) fail(text, file, ['requests', i, 'id'], `duplicate request id "${q.id}"`);
    reqIds.add(q.id);
    const ws = Date.parse(q.window.start);
    const we = Date.parse(q.window.end);
    if (!(we > ws))
      fail(text, file, ['requests', i, 'window', 'end'], 'the window ends before it starts', {
        expected: `after ${q.window.start}`,
        received: q.window.end,
      });
    q.satelliteIds?.forEach((sid, k) => {
      if (!satIds.has(sid))
        fail(text, file, ['requests', i, 'satelliteIds', k], `unknown satellite "${sid}"`, {
          expected: [...satIds].join(', '),
        });
    });
    const issues = validateGeometry(q.aoi as unknown as AoiGeometry);
    if (issues.length > 0) {
      const g = issues[0]!;
      const sub = [...g.path.matchAll(/\w+|\d+/g)].map((m) =>
        /^\d+$/.test(m[0]) ? Number(m[0]) : m[0],
      );
      fail(text, file, ['requests', i, 'aoi', ...sub], `AOI: ${g.message}`, {
        ...(g.expected !== undefined ? { expected: g.expected } : {}),
        ...(g.received !== undefined ? { received: g.received } : {}),
      });
    }
  });
}
