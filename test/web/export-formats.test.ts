import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../web/src/panels/export/csv.js';
import { featureCollectionToKml } from '../../web/src/panels/export/kml.js';

/** A minimal RFC 4180 reader, written independently of the writer, to read files back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  return rows;
}

describe('CSV writer', () => {
  it('round-trips commas, quotes and line breaks and ends every line with CRLF', () => {
    const rows = [
      ['Bamako, ML', 'say "hi"', 3.25],
      ['two\nlines', '', -1],
    ];
    const text = toCsv(['a', 'b', 'c'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['Bamako, ML', 'say "hi"', '3.25'],
      ['two\nlines', '', '-1'],
    ]);
  });
  it('defuses text that a spreadsheet would run as a formula, not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-5)).toBe('-5');
    expect(csvField(Number.NaN)).toBe('');
  });
  it('refuses a row of the wrong length, naming it', () => {
    expect(() => toCsv(['a', 'b'], [['1', '2'], ['3']])).toThrow(/row 2: 1 cells for 2 columns/);
  });
});

describe('KML writer', () => {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'Placemark' });

  it('writes the bundled regions with every ring and property, readable back', () => {
    const regions = JSON.parse(
      readFileSync('data/aoi/regions.geojson', 'utf8'),
    ) as FeatureCollection;
    const kml = featureCollectionToKml(regions, 'Régions & <test>');
    const doc = parser.parse(kml) as {
      kml: { Document: { name: string; Placemark: Array<Record<string, unknown>> } };
    };
    expect(doc.kml.Document.name).toBe('Régions & <test>');
    const marks = doc.kml.Document.Placemark;
    expect(marks).toHaveLength(regions.features.length);
    // Count positions in both: every coordinate of every ring must be written.
    const positions = (g: unknown): number =>
      Array.isArray(g)
        ? typeof g[0] === 'number'
          ? 1
          : g.reduce((n: number, x: unknown) => n + positions(x), 0)
        : 0;
    const expected = regions.features.reduce(
      (n, f) => n + positions((f.geometry as { coordinates: unknown }).coordinates),
      0,
    );
    const written = [...kml.matchAll(/<coordinates>([^<]*)<\/coordinates>/g)].reduce(
      (n, m) => n + m[1]!.trim().split(/\s+/).length,
      0,
    );
    expect(written).toBe(expected);
    const first = regions.features[0]!;
    expect(marks[0]!.name).toBe(first.properties!.name);
  });

  it('keeps holes as inner boundaries and Multi* as MultiGeometry', () => {
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { title: 'lake' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [0, 0],
                  [4, 0],
                  [4, 4],
                  [0, 4],
                  [0, 0],
                ],
                [
                  [1, 1],
                  [2, 1],
                  [2, 2],
                  [1, 1],
                ],
              ],
              [
                [
                  [10, 10],
                  [11, 10],
                  [11, 11],
                  [10, 10],
                ],
              ],
            ],
          },
        },
      ],
    };
    const kml = featureCollectionToKml(fc, 'x');
    expect(kml.match(/<Polygon>/g)).toHaveLength(2);
    expect(kml).toContain(
      '<innerBoundaryIs><LinearRing><coordinates>1,1 2,1 2,2 1,1</coordinates></LinearRing></innerBoundaryIs>',
    );
    expect(kml).toContain('<name>lake</name>');
  });

  it('names the feature whose position is not valid', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } },
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'Point', coordinates: [Number.NaN, 2] },
        },
      ],
    } as FeatureCollection;
    expect(() => featureCollectionToKml(fc, 'x')).toThrow(/feature 2: KML: invalid position/);
  });
});
