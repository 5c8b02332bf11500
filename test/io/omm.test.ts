/**
 * OMM in JSON, XML and KVN: round trips through every encoding from the real catalogue, element
 * sets identical to the TLE's (so SGP4 gives the same states), and located errors.
 */
import { describe, expect, it } from 'vitest';
import { detectCatalogFormat, readCatalog } from '../../src/io/catalog.js';
import { formatIssue } from '../../src/io/catalog-issue.js';
import { formatOmmJson, parseOmmJson } from '../../src/io/omm-json.js';
import { formatOmmKvn, parseOmmKvn } from '../../src/io/omm-kvn.js';
import { formatOmmXml, parseOmmXml } from '../../src/io/omm-xml.js';
import { formatOmmEpoch, parseOmmEpoch } from '../../src/io/omm.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import { readReference } from '../support/reference.js';

const tle = parseTle(readReference('tle', 'sahel-eo-leo-50.tle'));
const elements = tle.entries.map((e) => e.elements);

describe('OMM encodings', () => {
  it.each([
    ['omm-json', formatOmmJson, parseOmmJson],
    [
      'omm-xml',
      (e: typeof elements) => formatOmmXml(e, new Date('2026-03-19T00:00:00Z')),
      parseOmmXml,
    ],
    [
      'omm-kvn',
      (e: typeof elements) => formatOmmKvn(e, new Date('2026-03-19T00:00:00Z')),
      parseOmmKvn,
    ],
  ] as const)(
    '%s round-trips the 50 element sets and propagates like the TLE',
    (format, write, read) => {
      const text = write(elements);
      expect(detectCatalogFormat(text)).toBe(format);
      const r = read(text, 'x');
      expect(r.errors).toEqual([]);
      expect(r.entries).toHaveLength(elements.length);
      r.entries.forEach((e, i) => {
        const a = elements[i]!;
        const b = e.elements;
        expect(b.catalogNumber).toBe(a.catalogNumber);
        expect(b.name).toBe(a.name);
        expect(b.objectId).toBe(a.objectId);
        expect(b.meanMotionRevPerDay).toBe(a.meanMotionRevPerDay);
        expect(b.eccentricity).toBe(a.eccentricity);
        expect(b.bstar).toBe(a.bstar);
        expect(Math.abs(b.epochMs - a.epochMs)).toBeLessThan(0.001); // microsecond epochs
        const t = a.epochMs + 86_400_000;
        const sa = createPropagator(a).at(t);
        const sb = createPropagator(b).at(t);
        if (!sa.ok || !sb.ok) throw new Error('propagation failed');
        expect(Math.abs(sa.positionKm.x - sb.positionKm.x)).toBeLessThan(1e-5);
      });
    },
  );

  it('parses CelesTrak epochs to the microsecond, and day-of-year epochs', () => {
    const e = parseOmmEpoch('2026-03-19T04:51:23.123456')!;
    expect(e.epochMs).toBeCloseTo(Date.UTC(2026, 2, 19, 4, 51, 23, 123) + 0.456, 3);
    expect(parseOmmEpoch('2026-078T04:51:23.123456Z')!.epochMs).toBeCloseTo(e.epochMs, 3);
    expect(formatOmmEpoch({ epochYear: e.year, epochDayOfYear: e.dayOfYear })).toBe(
      '2026-03-19T04:51:23.123456',
    );
    expect(parseOmmEpoch('2026-02-30T00:00:00')).toBeNull();
  });

  it('reads Space-Track style JSON with numbers as strings', () => {
    const text = JSON.stringify([
      {
        OBJECT_NAME: 'ISS (ZARYA)',
        OBJECT_ID: '1998-067A',
        EPOCH: '2026-03-19T12:00:00.000000',
        MEAN_MOTION: '15.49560532',
        ECCENTRICITY: '.0006317',
        INCLINATION: '51.6400',
        RA_OF_ASC_NODE: '208.9163',
        ARG_OF_PERICENTER: '69.9862',
        MEAN_ANOMALY: '25.2906',
        NORAD_CAT_ID: '25544',
        BSTAR: '0.0003',
        MEAN_MOTION_DOT: '0.00016717',
        MEAN_MOTION_DDOT: '0',
      },
    ]);
    const r = readCatalog(text, { fileName: 'spacetrack.json' });
    expect(r.errors).toEqual([]);
    expect(r.entries[0]!.elements.eccentricity).toBe(0.0006317);
  });

  it('locates errors in JSON by line, and keeps the good objects', () => {
    const good = JSON.parse(formatOmmJson(elements.slice(0, 2)));
    good.splice(1, 0, { ...good[0], NORAD_CAT_ID: 'xx', EPOCH: 'yesterday' });
    const text = JSON.stringify(good, null, 1);
    const r = parseOmmJson(text, 'cat.json');
    expect(r.entries).toHaveLength(2);
    const msgs = r.errors.map((e) => formatIssue(e));
    const line = text.split('\n').findIndex((l, i) => i > 1 && l.trim() === '{') + 1;
    expect(msgs).toContain(
      `cat.json:${line} (EPOCH): bad EPOCH; expected YYYY-MM-DDThh:mm:ss[.ffffff] (UTC); got "yesterday"`,
    );
    expect(
      msgs.some((m) => m.startsWith(`cat.json:${line} (NORAD_CAT_ID): bad NORAD_CAT_ID`)),
    ).toBe(true);
    expect(parseOmmJson('[{"a": 1,}]', 'broken.json').errors[0]!.location).toMatchObject({
      file: 'broken.json',
      line: 1,
    });
  });

  it('locates errors in KVN and XML, and refuses non-SGP4 theories and other frames', () => {
    const kvn = formatOmmKvn(elements.slice(0, 2)).replace(
      'MEAN_ELEMENT_THEORY  = SGP4',
      'MEAN_ELEMENT_THEORY  = SGP4-XP',
    );
    const rk = parseOmmKvn(kvn, 'x.kvn');
    expect(rk.entries).toHaveLength(1);
    const line = kvn.split('\n').findIndex((l) => l.includes('SGP4-XP')) + 1;
    expect(formatIssue(rk.errors[0]!)).toMatch(
      new RegExp(`^x\\.kvn:${line} \\(MEAN_ELEMENT_THEORY\\): mean elements are not for SGP4`),
    );
    const xml = formatOmmXml(elements.slice(0, 1)).replace(
      '<REF_FRAME>TEME</REF_FRAME>',
      '<REF_FRAME>GCRF</REF_FRAME>',
    );
    const rx = parseOmmXml(xml, 'x.xml');
    expect(rx.entries).toHaveLength(0);
    expect(formatIssue(rx.errors[0]!)).toMatch(
      /^x\.xml:\d+ \(REF_FRAME\): unsupported reference frame; expected TEME; got "GCRF"/,
    );
    const broken = parseOmmXml('<ndm><omm></ndm>', 'b.xml');
    expect(broken.errors[0]!.message).toBe('not well-formed XML');
  });
});
