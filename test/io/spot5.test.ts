import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { parseSpot5 } from '../../src/io/spot5.js';
import { readReference } from '../support/reference.js';

// Sizes from the README of reference/spot5 (counted there from the files, and equal to Table 1
// of Bensana et al. 1999). `e` is the declared count; multi-orbit files include the capacity line.
const SIZES: [
  file: string,
  n: number,
  e: number,
  binary: number,
  ternary: number,
  capacity: number | null,
  totalWeight: number,
][] = [
  ['8', 8, 7, 7, 0, null, 12],
  ['54', 67, 204, 181, 23, null, 107],
  ['29', 82, 380, 380, 0, null, 20091],
  ['5', 309, 5312, 4945, 367, null, 376],
  ['11', 364, 9744, 5025, 4719, null, 60598],
  ['1401', 488, 10476, 7562, 2913, 90000, 635167],
  ['1502', 209, 203, 173, 29, 90000, 89200],
  ['1506', 940, 14301, 9525, 4775, 90000, 522808],
];

describe('parseSpot5 on the reference instances', () => {
  it.each(SIZES)(
    '%s.spot has the published sizes',
    (file, n, e, binary, ternary, capacity, total) => {
      const inst = parseSpot5(readReference('spot5', `${file}.spot`), { fileName: `${file}.spot` });
      expect(inst.photos).toHaveLength(n);
      expect(inst.declaredConstraintCount).toBe(e);
      expect(inst.constraints.filter((c) => c.vars.length === 2)).toHaveLength(binary);
      expect(inst.constraints.filter((c) => c.vars.length === 3)).toHaveLength(ternary);
      expect(inst.capacity).toBe(capacity);
      expect(inst.photos.reduce((s, p) => s + p.weight, 0)).toBe(total);
    },
  );

  it('reads the example of the paper (8.spot) field by field', () => {
    const inst = parseSpot5(readReference('spot5', '8.spot'));
    expect(inst.photos[0]).toMatchObject({ id: 0, weight: 1, line: 2 });
    expect(inst.photos[0]!.options.map((o) => o.value)).toEqual([1, 2, 3]);
    expect(inst.photos[4]!.options).toEqual([{ value: 13, consumption: 0 }]);
    expect(inst.constraints[0]).toEqual({
      vars: [1, 0],
      forbidden: [
        [3, 3],
        [2, 2],
        [1, 1],
      ],
      line: 11,
    });
  });

  it('keeps the float memory sizes and the two extra integers of multi-orbit lines', () => {
    const inst = parseSpot5(readReference('spot5', '1405.spot'));
    const uses = new Set(
      inst.photos.flatMap((p) => p.options.map((o) => Math.round(o.consumption / 451.15))),
    );
    expect([...uses].every((u) => [0, 1, 2, 4].includes(u))).toBe(true);
    expect(inst.photos.every((p) => p.extra?.length === 2)).toBe(true);
  });
});

describe('parseSpot5 on bad input', () => {
  const bad = (text: string): ValidationError => {
    try {
      parseSpot5(text, { fileName: 'x.spot' });
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return e as ValidationError;
    }
    throw new Error('no error thrown');
  };
  const ok = '2\n0 1 1 2 0\n1 2 1 13 0\n1\n2 0 1 2 13\n';

  it('accepts the small valid text', () => {
    expect(parseSpot5(ok).constraints).toHaveLength(1);
  });
  it.each([
    ['', undefined, 'photo count'],
    ['2\n0 1 1 2 0\n', 3, 'photo 1'],
    ['2\n0 1 1 2 0\n2 2 1 13 0\n1\n2 0 1 2 13\n', 3, 'photo id'],
    ['2\n0 x 1 2 0\n1 2 1 13 0\n1\n2 0 1 2 13\n', 2, 'weight'],
    ['2\n0 1 1 4 0\n1 2 1 13 0\n1\n2 0 1 2 13\n', 2, 'value'],
    ['2\n0 1 2 2 0\n1 2 1 13 0\n1\n2 0 1 2 13\n', 2, 'photo 0'],
    ['2\n0 1 1 2 -5\n1 2 1 13 0\n1\n2 0 1 2 13\n', 2, 'consumption'],
    ['2\n0 1 1 2 0\n1 2 1 13 0\n1\n2 0 7 2 13\n', 5, 'photo id'],
    ['2\n0 1 1 2 0\n1 2 1 13 0\n1\n2 0 1 2\n', 5, 'forbidden tuples'],
    ['2\n0 1 1 2 0\n1 2 1 13 0\n1\n2 0 1 3 13\n', 5, 'forbidden value'],
    ['2\n0 1 1 2 0\n1 2 1 13 0\n1\n4 0 1 2 13\n', 5, 'arity'],
    ['2\n0 1 1 2 0\n1 2 1 13 0\n2\n2 0 1 2 13\n', 5, 'constraint count'],
    ['2\n0 1 1 2 0\n1 2 1 13 0\n1\n90000\n2 0 1 2 13\n', 6, 'capacity'],
  ])('%j is rejected at line %s (%s)', (text, line, field) => {
    const e = bad(text);
    expect(e.location.file).toBe('x.spot');
    expect(e.location.line).toBe(line);
    expect(e.location.field).toBe(field);
    expect(e.message).toContain('x.spot');
  });
  it('speaks French when asked', () => {
    expect(() => parseSpot5('2\n0 x 1 2 0\n', { lang: 'fr' })).toThrow(/pas un entier/);
  });
  it('accepts CRLF line ends and a capacity line counted in the declared total', () => {
    const inst = parseSpot5('1\r\n0 5 1 2 451.15\r\n1\r\n90000\r\n\r\n');
    expect(inst.capacity).toBe(90000);
    expect(inst.photos[0]!.options[0]!.consumption).toBeCloseTo(451.15, 9);
  });
});
