/**
 * TLE reading: the real 14 710-object catalogue, Alpha-5, 2- and 3-line files, tolerated extra
 * text, and located errors for bad entries that never abort the file.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/io/catalog-issue.js';
import {
  decodeCatalogNumber,
  encodeCatalogNumber,
  formatTle,
  parseTle,
  tleChecksum,
} from '../../src/io/tle.js';
import { readReference } from '../support/reference.js';

function withChecksum(line: string): string {
  return line.slice(0, 68) + String(tleChecksum(line));
}

const ISS = [
  'ISS (ZARYA)',
  withChecksum('1 25544U 98067A   26078.50000000  .00016717  00000+0  30000-3 0  9990'),
  withChecksum('2 25544  51.6400 208.9163 0006317  69.9862  25.2906 15.49560532 12340'),
];

describe('TLE reader', () => {
  // Speed is measured by bench/passes-catalogue.mjs (BENCHMARKS.md); this test only guards against
  // a pathological slowdown (e.g. quadratic line handling), with room for a loaded CI machine.
  it('loads the whole 14 710-object catalogue, every checksum right', () => {
    const text = readReference('tle', 'active-2026-03-19.txt');
    const t0 = performance.now();
    const r = parseTle(text, { fileName: 'active-2026-03-19.txt' });
    const ms = performance.now() - t0;
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.entries).toHaveLength(14_710);
    expect(r.entries[0]!.elements.name).toBe('CALSPHERE 1');
    expect(r.entries[0]!.elements.objectId).toBe('1964-063C');
    expect(ms).toBeLessThan(5000);
    console.log(`14 710 objects parsed in ${ms.toFixed(0)} ms`);
  });

  it('writes back every catalogue entry exactly (formatTle ∘ parseTle = identity)', () => {
    const r = parseTle(readReference('tle', 'active-2026-03-19.txt'));
    let differences = 0;
    for (const e of r.entries) {
      const [l1, l2] = formatTle(e.elements);
      // "-0" and "+0" exponents of a zero field are the same number
      if (
        l1.replace(/[-+]0 /g, '+0 ').slice(0, 68) !==
        e.lines[0].replace(/[-+]0 /g, '+0 ').slice(0, 68)
      )
        differences++;
      if (l2 !== e.lines[1]) differences++;
    }
    expect(differences).toBe(0);
  });

  it('reads 2-line and 3-line entries, Space-Track "0 " titles, CRLF and text after column 69', () => {
    const text = [`0 ${ISS[0]}`, `${ISS[1]}   extra text`, `${ISS[2]}\r`, ISS[1], ISS[2]].join(
      '\n',
    );
    const r = parseTle(text);
    expect(r.errors).toEqual([]);
    expect(r.entries.map((e) => e.elements.name)).toEqual(['ISS (ZARYA)', '']);
    expect(r.entries[0]!.elements.meanMotionRevPerDay).toBe(15.49560532);
    expect(r.entries[0]!.elements.bstar).toBeCloseTo(0.0003, 12);
    expect(r.entries[0]!.elements.epochDayOfYear).toBe(78.5);
  });

  it('decodes and encodes Alpha-5 catalogue numbers', () => {
    expect(decodeCatalogNumber('A0000')).toBe(100_000);
    expect(decodeCatalogNumber('E8493')).toBe(148_493);
    expect(decodeCatalogNumber('Z9999')).toBe(339_999);
    expect(decodeCatalogNumber('I0000')).toBeNull(); // I and O are not used
    expect(encodeCatalogNumber(148_493)).toBe('E8493');
    expect(encodeCatalogNumber(25_544)).toBe('25544');
    const l1 = withChecksum(ISS[1]!.replace('25544', 'E8493'));
    const l2 = withChecksum(ISS[2]!.replace('25544', 'E8493'));
    const r = parseTle(`${l1}\n${l2}\n`);
    expect(r.errors).toEqual([]);
    expect(r.entries[0]!.elements.catalogNumber).toBe(148_493);
    expect(formatTle(r.entries[0]!.elements)[0]).toBe(l1);
  });

  it('rejects a bad checksum by default, with file, line, column and the expected digit', () => {
    const right = ISS[1]!.slice(68);
    const bad = ISS[1]!.slice(0, 68) + (right === '0' ? '1' : '0');
    const r = parseTle([ISS[0], bad, ISS[2]].join('\n'), { fileName: 'iss.tle' });
    expect(r.entries).toHaveLength(0);
    expect(r.errors).toHaveLength(1);
    expect(formatIssue(r.errors[0]!)).toBe(
      `iss.tle:2:69 (checksum): checksum mismatch; expected ${right}; got "${bad.slice(68)}"`,
    );
    const lenient = parseTle([ISS[0], bad, ISS[2]].join('\n'), {
      fileName: 'iss.tle',
      ignoreChecksum: true,
    });
    expect(lenient.entries).toHaveLength(1);
    expect(lenient.warnings).toHaveLength(1);
  });

  it('reports every bad field with its column, keeps the good entries of the file', () => {
    const badEcc = withChecksum(ISS[2]!.slice(0, 26) + '00x6317' + ISS[2]!.slice(33));
    const badEpoch = withChecksum(ISS[1]!.slice(0, 20) + '4x8.5000000' + ISS[1]!.slice(31));
    const text = [
      'GOOD 1',
      ISS[1],
      ISS[2],
      'BAD ECC',
      ISS[1],
      badEcc,
      'BAD EPOCH',
      badEpoch,
      ISS[2],
      'NO LINE 2',
      ISS[1],
      'GOOD 2',
      ISS[1],
      ISS[2],
    ].join('\n');
    const r = parseTle(text, { fileName: 'mixed.tle' });
    expect(r.entries.map((e) => e.elements.name)).toEqual(['GOOD 1', 'GOOD 2']);
    const msgs = r.errors.map((e) => formatIssue(e));
    expect(msgs[0]).toMatch(
      /^mixed\.tle:6:27 \(eccentricity\): bad eccentricity; expected seven digits/,
    );
    expect(msgs[1]).toMatch(/^mixed\.tle:8:21 \(epoch day\): bad epoch day/);
    expect(msgs[2]).toMatch(
      /^mixed\.tle:12:1 \(line number\): TLE line 1 is not followed by line 2/,
    );
    expect(r.errors).toHaveLength(3);
  });

  it('rejects mismatched catalogue numbers and truncated lines', () => {
    const other = withChecksum(ISS[2]!.replace('25544', '25545'));
    const r = parseTle([ISS[1], other, ISS[1], ISS[2]!.slice(0, 40)].join('\n'), {
      fileName: 'x.tle',
    });
    expect(r.entries).toHaveLength(0);
    expect(r.errors.map((e) => formatIssue(e))).toEqual([
      'x.tle:2:3 (catalogue number): catalogue numbers of lines 1 and 2 differ; expected 25544; got "25545"',
      expect.stringMatching(/^x\.tle:4:41 \(length\): TLE line too short/),
    ]);
  });
});
