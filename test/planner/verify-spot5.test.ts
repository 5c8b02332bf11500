import { describe, expect, it } from 'vitest';
import { verifySpot5 } from '../../src/planner/verify-spot5.js';
import { readReference } from '../support/reference.js';

// 8.spot: photos 0-3 mono {1,2,3} weight 1, photos 4-7 stereo {13} weight 2; the constraints
// forbid equal instruments on (1,0), (2,0), (3,0), (2,1), (3,1) and stereo pairs (5,4), (5,6).
const toy = readReference('spot5', '8.spot');

describe('verifySpot5', () => {
  it('accepts a valid answer and recomputes its value', () => {
    const v = verifySpot5(toy, {
      value: 9,
      selected: { '0': 1, '1': 2, '2': 3, '4': 13, '6': 13, '7': 13 },
    });
    expect(v.violations).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.value).toBe(1 + 1 + 1 + 2 + 2 + 2);
  });
  it('catches a binary constraint violation with its line', () => {
    const v = verifySpot5(toy, { selected: { '0': 3, '1': 3 } });
    expect(v.ok).toBe(false);
    expect(v.violations).toEqual([expect.objectContaining({ kind: 'constraint', line: 11 })]);
  });
  it('catches a stereo pair that may not be taken together', () => {
    const v = verifySpot5(toy, { selected: { '4': 13, '5': 13 } });
    expect(v.violations.map((x) => x.kind)).toEqual(['constraint']);
  });
  it('catches a value outside the domain, an unknown photo and a wrong claimed value', () => {
    const v = verifySpot5(toy, { value: 99, selected: { '4': 2, '8': 1, '0': 1 } });
    expect(v.violations.map((x) => x.kind).sort()).toEqual([
      'bad-value',
      'unknown-photo',
      'value-mismatch',
    ]);
    expect(v.value).toBe(1);
  });
  it('catches a ternary constraint violation', () => {
    const text = '3\n0 1 1 13 0\n1 1 1 2 0\n2 1 1 13 0\n1\n3 0 1 2 13 2 13\n';
    expect(verifySpot5(text, { selected: { '0': 13, '1': 2, '2': 13 } }).violations[0]?.kind).toBe(
      'constraint',
    );
    expect(verifySpot5(text, { selected: { '0': 13, '1': 2 } }).ok).toBe(true);
  });
  it('catches a recorder overflow (multi-orbit capacity)', () => {
    const text = '3\n0 1 1 2 40000\n1 1 1 2 40000\n2 1 1 2 10000.5\n1\n90000\n';
    expect(verifySpot5(text, { selected: { '0': 2, '1': 2, '2': 2 } }).violations[0]?.kind).toBe(
      'capacity',
    );
    expect(verifySpot5(text, { selected: { '0': 2, '1': 2 } }).ok).toBe(true);
  });
  it('does not accept a photo key that is not a plain integer', () => {
    expect(verifySpot5(toy, { selected: { '01': 1 } }).violations[0]?.kind).toBe('unknown-photo');
  });
});
