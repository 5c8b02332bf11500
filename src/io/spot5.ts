/**
 * Reader of the SPOT5 daily photograph scheduling format (`.spot`, Bensana, Lemaître, Verfaillie
 * 1999). The format and its traps are described in `docs/planner.md`: whitespace-separated
 * numbers one record per line, CRLF or LF, optional two extra integers per photo line, and in
 * multi-orbit files a final one-token capacity line that the declared constraint count includes.
 *
 * The first problem found is thrown as a {@link ValidationError} that names the file, the
 * 1-based line, the 1-based token column and the field; nothing malformed gets through.
 */
import { ValidationError } from '../core/errors.js';
import { type Lang, defineMessages } from '../i18n/index.js';
import {
  SPOT5_VALUES,
  type Spot5Constraint,
  type Spot5Instance,
  type Spot5Option,
  type Spot5Photo,
  type Spot5Value,
} from '../planner/spot5/instance.js';

/** Options for {@link parseSpot5}. */
export interface Spot5ParseOptions {
  /** File name used in error messages. */
  readonly fileName?: string;
  /** Language of error messages (default English). */
  readonly lang?: Lang;
}

const msg = defineMessages({
  en: {
    empty: 'the file is empty',
    notInteger: 'not an integer',
    notNumber: 'not a number',
    range: 'value out of range',
    eof: 'the file ends early',
    photoId: 'photo ids must be 0, 1, 2 … in file order',
    tokens: 'wrong number of fields on a photo line',
    dupValue: 'a value appears twice in the domain of the photo',
    arity: 'unsupported constraint arity',
    varRange: 'constraint refers to a photo that does not exist',
    varRepeat: 'a photo appears twice in the same constraint',
    tupleLen: 'the forbidden values do not form whole tuples',
    tupleValue: 'a forbidden tuple uses a value outside the domain of its photo',
    count: 'the number of constraint lines differs from the declared count',
    afterCapacity: 'nothing may follow the capacity line',
  },
  fr: {
    empty: 'le fichier est vide',
    notInteger: 'pas un entier',
    notNumber: 'pas un nombre',
    range: 'valeur hors limites',
    eof: 'le fichier se termine trop tôt',
    photoId: 'les identifiants de photo doivent être 0, 1, 2 … dans l’ordre du fichier',
    tokens: 'nombre de champs incorrect sur une ligne de photo',
    dupValue: 'une valeur apparaît deux fois dans le domaine de la photo',
    arity: 'arité de contrainte non prise en charge',
    varRange: 'la contrainte cite une photo qui n’existe pas',
    varRepeat: 'une photo apparaît deux fois dans la même contrainte',
    tupleLen: 'les valeurs interdites ne forment pas des tuples complets',
    tupleValue: 'un tuple interdit utilise une valeur hors du domaine de sa photo',
    count: 'le nombre de lignes de contrainte diffère du nombre déclaré',
    afterCapacity: 'rien ne peut suivre la ligne de capacité',
  },
});

type Key = Parameters<typeof msg>[1];

interface Line {
  readonly no: number;
  readonly tokens: readonly string[];
}

const INT = /^[+-]?\d+$/;
const NUM = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

class Reader {
  constructor(
    private readonly file: string | undefined,
    private readonly lang: Lang,
  ) {}

  fail(
    key: Key,
    line: number | undefined,
    column: number | undefined,
    field: string,
    extra: { expected?: string; received?: string } = {},
  ): never {
    throw new ValidationError(msg(this.lang, key), {
      location: {
        ...(this.file !== undefined ? { file: this.file } : {}),
        ...(line !== undefined ? { line } : {}),
        ...(column !== undefined ? { column } : {}),
        field,
      },
      ...extra,
      code: 'spot5-format',
    });
  }

  int(line: Line, col: number, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const tok = line.tokens[col];
    if (tok === undefined) this.fail('tokens', line.no, col + 1, field, { expected: field });
    if (!INT.test(tok))
      this.fail('notInteger', line.no, col + 1, field, { expected: 'an integer', received: tok });
    const v = Number(tok);
    if (v < min || v > max) {
      this.fail('range', line.no, col + 1, field, {
        expected:
          max === Number.MAX_SAFE_INTEGER
            ? `an integer ≥ ${min}`
            : `an integer in [${min}, ${max}]`,
        received: tok,
      });
    }
    return v;
  }

  num(line: Line, col: number, field: string): number {
    const tok = line.tokens[col];
    if (tok === undefined) this.fail('tokens', line.no, col + 1, field, { expected: field });
    if (!NUM.test(tok))
      this.fail('notNumber', line.no, col + 1, field, {
        expected: 'a decimal number',
        received: tok,
      });
    const v = Number(tok);
    if (!Number.isFinite(v) || v < 0)
      this.fail('range', line.no, col + 1, field, {
        expected: 'a finite number ≥ 0',
        received: tok,
      });
    return v;
  }
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i]!.trim();
    if (s === '') continue;
    out.push({ no: i + 1, tokens: s.split(/\s+/) });
  }
  return out;
}

/**
 * Parses the text of a `.spot` file.
 *
 * @throws ValidationError (code `spot5-format`) at the first malformed or inconsistent field,
 *   with file, line, column (token index, 1-based) and field name.
 * @example
 * const inst = parseSpot5(readFileSync('8.spot', 'utf8'), { fileName: '8.spot' });
 * inst.photos.length; // 8
 */
export function parseSpot5(text: string, opts: Spot5ParseOptions = {}): Spot5Instance {
  const r: Reader = new Reader(opts.fileName, opts.lang ?? 'en');
  const lines = splitLines(text);
  if (lines.length === 0) r.fail('empty', undefined, undefined, 'photo count');
  let at = 0;
  const head = lines[at++]!;
  if (head.tokens.length !== 1)
    r.fail('tokens', head.no, 2, 'photo count', {
      expected: 'one integer',
      received: head.tokens.join(' '),
    });
  const n = r.int(head, 0, 'photo count', 0);

  const photos: Spot5Photo[] = [];
  for (let i = 0; i < n; i++) {
    const line = lines[at++];
    if (line === undefined)
      r.fail('eof', lines[lines.length - 1]!.no + 1, undefined, `photo ${i}`, {
        expected: `${n} photo lines`,
        received: `${i}`,
      });
    photos.push(readPhoto(r, line, i));
  }

  const mLine = lines[at++];
  if (mLine === undefined)
    r.fail('eof', lines[lines.length - 1]!.no + 1, undefined, 'constraint count', {
      expected: 'the constraint count',
    });
  if (mLine.tokens.length !== 1)
    r.fail('tokens', mLine.no, 2, 'constraint count', {
      expected: 'one integer',
      received: mLine.tokens.join(' '),
    });
  const declared = r.int(mLine, 0, 'constraint count', 0);

  const constraints: Spot5Constraint[] = [];
  let capacity: number | null = null;
  for (; at < lines.length; at++) {
    const line = lines[at]!;
    if (capacity !== null)
      r.fail('afterCapacity', line.no, 1, 'capacity', { received: line.tokens.join(' ') });
    if (line.tokens.length === 1) {
      capacity = r.num(line, 0, 'capacity');
      continue;
    }
    constraints.push(readConstraint(r, line, photos));
  }
  const explicit = constraints.length;
  const countOk =
    capacity === null ? explicit === declared : explicit === declared - 1 || explicit === declared;
  if (!countOk) {
    const last = lines[lines.length - 1]!;
    r.fail('count', last.no, undefined, 'constraint count', {
      expected:
        capacity === null
          ? `${declared} constraint lines`
          : `${declared - 1} constraint lines and the capacity line`,
      received: `${explicit}`,
    });
  }
  return { photos, constraints, capacity, declaredConstraintCount: declared };
}

function readPhoto(r: Reader, line: Line, expectedId: number): Spot5Photo {
  const id = r.int(line, 0, 'photo id', 0);
  if (id !== expectedId)
    r.fail('photoId', line.no, 1, 'photo id', { expected: `${expectedId}`, received: `${id}` });
  const weight = r.int(line, 1, 'weight', 1);
  const k = r.int(line, 2, 'domain size', 1, SPOT5_VALUES.length);
  const base = 3 + 2 * k;
  if (line.tokens.length !== base && line.tokens.length !== base + 2) {
    r.fail('tokens', line.no, Math.min(line.tokens.length, base) + 1, `photo ${id}`, {
      expected: `${base} fields (or ${base + 2} with the two extra integers)`,
      received: `${line.tokens.length}`,
    });
  }
  const options: Spot5Option[] = [];
  for (let j = 0; j < k; j++) {
    const col = 3 + 2 * j;
    const value = r.int(line, col, 'value', 1, 13);
    if (!(SPOT5_VALUES as readonly number[]).includes(value)) {
      r.fail('range', line.no, col + 1, 'value', {
        expected: '1, 2, 3 or 13',
        received: `${value}`,
      });
    }
    if (options.some((o) => o.value === value))
      r.fail('dupValue', line.no, col + 1, 'value', { received: `${value}` });
    const consumption = r.num(line, col + 1, 'consumption');
    options.push({ value: value as Spot5Value, consumption });
  }
  const extra =
    line.tokens.length === base + 2
      ? [r.int(line, base, 'extra', 0), r.int(line, base + 1, 'extra', 0)]
      : undefined;
  return { id, weight, options, line: line.no, ...(extra ? { extra } : {}) };
}

function readConstraint(r: Reader, line: Line, photos: readonly Spot5Photo[]): Spot5Constraint {
  const arity = r.int(line, 0, 'arity', 0);
  if (arity !== 2 && arity !== 3)
    r.fail('arity', line.no, 1, 'arity', { expected: '2 or 3', received: `${arity}` });
  const vars: number[] = [];
  for (let a = 0; a < arity; a++) {
    const v = r.int(line, 1 + a, 'photo id', 0);
    if (v >= photos.length)
      r.fail('varRange', line.no, 2 + a, 'photo id', {
        expected: `an id < ${photos.length}`,
        received: `${v}`,
      });
    if (vars.includes(v)) r.fail('varRepeat', line.no, 2 + a, 'photo id', { received: `${v}` });
    vars.push(v);
  }
  const rest = line.tokens.length - 1 - arity;
  if (rest <= 0 || rest % arity !== 0) {
    r.fail('tupleLen', line.no, line.tokens.length, 'forbidden tuples', {
      expected: `a positive multiple of ${arity} values`,
      received: `${Math.max(0, rest)}`,
    });
  }
  const forbidden: Spot5Value[][] = [];
  for (let t = 0; t < rest / arity; t++) {
    const tuple: Spot5Value[] = [];
    for (let a = 0; a < arity; a++) {
      const col = 1 + arity + t * arity + a;
      const value = r.int(line, col, 'forbidden value', 0);
      const photo = photos[vars[a]!]!;
      if (!photo.options.some((o) => o.value === value)) {
        r.fail('tupleValue', line.no, col + 1, 'forbidden value', {
          expected: `one of ${photo.options.map((o) => o.value).join(', ')} (domain of photo ${photo.id})`,
          received: `${value}`,
        });
      }
      tuple.push(value as Spot5Value);
    }
    forbidden.push(tuple);
  }
  return { vars, forbidden, line: line.no };
}
