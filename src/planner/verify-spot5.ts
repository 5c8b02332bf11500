/**
 * Independent checker of a SPOT5 answer. It shares no code with the reader (`io/spot5.ts`) or
 * the solvers (`planner/selection/`, `planner/spot5/`): it reads the `.spot` text with its own
 * parser and checks, from the file's own terms, that every selected photo exists and uses a
 * value of its domain, that no constraint sees one of its forbidden tuples, that the recorder
 * capacity holds, and that the claimed value is the sum of the selected weights.
 *
 * Kept deliberately simple (arrays and string keys, no incremental tricks): its job is to be
 * obviously right, not fast.
 */
import { ValidationError } from '../core/errors.js';
import { type Lang, defineMessages } from '../i18n/index.js';

/** The answer to check: photo id (as a string) → camera value; optionally the claimed value. */
export interface Spot5Claim {
  readonly value?: number;
  readonly selected: Readonly<Record<string, number>>;
}

export type Spot5ViolationKind =
  'unknown-photo' | 'bad-value' | 'constraint' | 'capacity' | 'value-mismatch';

export interface Spot5Violation {
  readonly kind: Spot5ViolationKind;
  readonly message: string;
  /** Line of the `.spot` file concerned (constraint or photo line), when there is one. */
  readonly line?: number;
}

export interface Spot5Verification {
  /** True when there is no violation at all. */
  readonly ok: boolean;
  /** Sum of the weights of the selected photos, recomputed. */
  readonly value: number;
  readonly selectedCount: number;
  /** Recorder memory used by the selection, and the capacity (null when the file has none). */
  readonly memoryUsed: number;
  readonly capacity: number | null;
  readonly violations: readonly Spot5Violation[];
}

const msg = defineMessages({
  en: {
    parse: 'cannot read the .spot file',
    unknown: 'photo {id} does not exist in the instance',
    badValue: 'photo {id} cannot take value {value} (domain {domain})',
    constraint: 'photos {vars} take the forbidden values {values}',
    capacity: 'recorder memory {used} exceeds the capacity {capacity}',
    mismatch: 'claimed value {claimed} differs from the recomputed value {value}',
  },
  fr: {
    parse: 'impossible de lire le fichier .spot',
    unknown: 'la photo {id} n’existe pas dans l’instance',
    badValue: 'la photo {id} ne peut pas prendre la valeur {value} (domaine {domain})',
    constraint: 'les photos {vars} prennent les valeurs interdites {values}',
    capacity: 'la mémoire d’enregistrement {used} dépasse la capacité {capacity}',
    mismatch: 'la valeur annoncée {claimed} diffère de la valeur recalculée {value}',
  },
});

/** Relative tolerance on the capacity: memory sizes are decimals such as 451.1500000000069. */
const CAPACITY_TOLERANCE = 1e-9;

interface Photo {
  weight: number;
  domain: Map<number, number>; // value → consumption
  line: number;
}
interface Rule {
  vars: number[];
  tuples: number[][];
  line: number;
}

function parse(
  text: string,
  fileName: string | undefined,
  lang: Lang,
): { photos: Photo[]; rules: Rule[]; capacity: number | null } {
  const rows: { no: number; f: number[] }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (!t) return;
    const f = t.split(/\s+/).map(Number);
    const bad = f.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) {
      throw new ValidationError(msg(lang, 'parse'), {
        location: {
          ...(fileName ? { file: fileName } : {}),
          line: i + 1,
          column: bad + 1,
          field: 'number',
        },
        expected: 'a number',
        received: t.split(/\s+/)[bad]!,
        code: 'spot5-format',
      });
    }
    rows.push({ no: i + 1, f });
  });
  const fail = (no: number | undefined, what: string): never => {
    throw new ValidationError(msg(lang, 'parse'), {
      location: {
        ...(fileName ? { file: fileName } : {}),
        ...(no !== undefined ? { line: no } : {}),
        field: what,
      },
      code: 'spot5-format',
    });
  };
  let r = 0;
  const n = rows[r++]?.f[0] ?? fail(undefined, 'photo count');
  const photos: Photo[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows[r++] ?? fail(undefined, `photo ${i}`);
    const [id, weight, k] = row.f as [number, number, number];
    if (id !== i || !(k >= 1) || row.f.length < 3 + 2 * k) fail(row.no, `photo ${i}`);
    const domain = new Map<number, number>();
    for (let j = 0; j < k; j++) domain.set(row.f[3 + 2 * j]!, row.f[4 + 2 * j]!);
    photos.push({ weight, domain, line: row.no });
  }
  r++; // declared constraint count: not needed to check a solution
  const rules: Rule[] = [];
  let capacity: number | null = null;
  for (; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.f.length === 1) {
      capacity = row.f[0]!;
      continue;
    }
    const arity = row.f[0]!;
    const vars = row.f.slice(1, 1 + arity);
    const tuples: number[][] = [];
    for (let q = 1 + arity; q + arity <= row.f.length; q += arity)
      tuples.push(row.f.slice(q, q + arity));
    if (vars.some((v) => !(v >= 0 && v < n))) fail(row.no, 'photo id');
    rules.push({ vars, tuples, line: row.no });
  }
  return { photos, rules, capacity };
}

/**
 * Checks `claim` against the instance text.
 * @throws ValidationError when the `.spot` text itself cannot be read.
 * @example verifySpot5(text, { value: 10, selected: { '0': 1, '4': 13 } }).ok
 */
export function verifySpot5(
  text: string,
  claim: Spot5Claim,
  opts: { fileName?: string; lang?: Lang } = {},
): Spot5Verification {
  const lang = opts.lang ?? 'en';
  const { photos, rules, capacity } = parse(text, opts.fileName, lang);
  const violations: Spot5Violation[] = [];
  const chosen = new Map<number, number>();
  let value = 0;
  let memory = 0;
  for (const [key, v] of Object.entries(claim.selected)) {
    const id = Number(key);
    const photo = Number.isInteger(id) && String(id) === key ? photos[id] : undefined;
    if (!photo) {
      violations.push({ kind: 'unknown-photo', message: msg(lang, 'unknown', { id: key }) });
      continue;
    }
    const use = photo.domain.get(v);
    if (use === undefined) {
      violations.push({
        kind: 'bad-value',
        line: photo.line,
        message: msg(lang, 'badValue', {
          id,
          value: String(v),
          domain: [...photo.domain.keys()].join(','),
        }),
      });
      continue;
    }
    chosen.set(id, v);
    value += photo.weight;
    memory += use;
  }
  for (const rule of rules) {
    if (!rule.vars.every((x) => chosen.has(x))) continue;
    const values = rule.vars.map((x) => chosen.get(x)!);
    if (rule.tuples.some((t) => t.every((tv, a) => tv === values[a]))) {
      violations.push({
        kind: 'constraint',
        line: rule.line,
        message: msg(lang, 'constraint', { vars: rule.vars.join(','), values: values.join(',') }),
      });
    }
  }
  if (capacity !== null && memory > capacity * (1 + CAPACITY_TOLERANCE)) {
    violations.push({
      kind: 'capacity',
      message: msg(lang, 'capacity', { used: memory.toFixed(2), capacity }),
    });
  }
  if (claim.value !== undefined && Math.abs(claim.value - value) > 1e-6) {
    violations.push({
      kind: 'value-mismatch',
      message: msg(lang, 'mismatch', { claimed: claim.value, value }),
    });
  }
  return {
    ok: violations.length === 0,
    value,
    selectedCount: chosen.size,
    memoryUsed: memory,
    capacity,
    violations,
  };
}
