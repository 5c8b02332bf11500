/**
 * Imported map layers through the HTTP API, on every storage backend: the Niger river of the
 * reference data (read in place) imported as GeoJSON and as KML (written by the dashboard's own
 * KML export, and by hand with Folders, holes and ExtendedData), features given back exactly;
 * big layers simplified for drawing with the original kept; bad files refused with the path and
 * line of each problem in English and French; limits; nation isolation; the audit log.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_LAYER_LIMITS } from '../../src/io/user-layer.js';
import { DISPLAY_POSITION_BUDGET } from '../../src/io/simplify-layer.js';
import { featureCollectionToKml } from '../../web/src/panels/export/kml.js';
import { testBackends } from '../support/backends.js';
import { referencePath } from '../support/reference.js';
import { type TestServer, bearer, createUsers, startServer } from '../support/server.js';

const backends = await testBackends();
const NIGER_FILE = referencePath('geodata', 'river_niger_ne10m.geojson');
const NIGER_TEXT = readFileSync(NIGER_FILE, 'utf8');
const NIGER = JSON.parse(NIGER_TEXT) as GeoJSON.FeatureCollection;
const COUNTRIES_TEXT = readFileSync(
  referencePath('geodata', 'countries_west_africa_ne10m.geojson'),
  'utf8',
);

/** Every position of a geometry (an independent walk). */
function positions(g: GeoJSON.Geometry | null): number[][] {
  if (!g) return [];
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(positions);
  const out: number[][] = [];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as number[]);
    else if (Array.isArray(c)) c.forEach(visit);
  };
  visit(g.coordinates);
  return out;
}
const allPositions = (fc: GeoJSON.FeatureCollection) =>
  fc.features.flatMap((f) => positions(f.geometry));

interface Issue {
  path: string;
  message: string;
  line?: number;
}

describe.each(backends)('imported layers on $name', (backend) => {
  let s: TestServer;
  let tokens: Map<string, string>;
  const LIMIT_BYTES = 3 * 1024 * 1024;
  beforeAll(async () => {
    s = await startServer(backend, { layerBodyLimitBytes: LIMIT_BYTES });
    const users = await createUsers(s);
    tokens = new Map([...users].map(([name, u]) => [name, u.token]));
  }, 60_000);
  afterAll(() => s?.close());

  const call = (user: string, method: string, url: string, payload?: unknown, lang?: 'en' | 'fr') =>
    s.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...bearer(user === 'admin' ? s.adminToken : tokens.get(user)!),
        ...(lang ? { 'accept-language': lang } : {}),
      },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const importLayer = (user: string, body: Record<string, unknown>, lang?: 'en' | 'fr') =>
    call(user, 'POST', '/api/v1/imported-layers', body, lang);
  const issuesOf = (r: { json(): unknown }) =>
    (r.json() as { error: { issues: Issue[] } }).error.issues;

  it('imports the Niger from GeoJSON and gives its features back exactly', async () => {
    const r = await importLayer('analyst-ml', {
      name: 'Niger',
      releasability: 'nation',
      colour: '#FF00FF',
      fileName: 'river_niger_ne10m.geojson',
      text: NIGER_TEXT,
    });
    expect(r.statusCode, r.body).toBe(201);
    const l = r.json();
    const pos = allPositions(NIGER);
    expect(l).toMatchObject({
      name: 'Niger',
      colour: '#ff00ff',
      sourceFormat: 'geojson',
      sourceName: 'river_niger_ne10m.geojson',
      featureCount: NIGER.features.length,
      positionCount: pos.length,
      geometryTypes: ['MultiLineString'],
      ownerNation: 'ML',
      releasability: 'nation',
      simplified: false,
      displayPositionCount: pos.length,
      version: 1,
    });
    const lons = pos.map((p) => p[0]!);
    const lats = pos.map((p) => p[1]!);
    expect(l.bbox).toEqual([
      Math.min(...lons),
      Math.min(...lats),
      Math.max(...lons),
      Math.max(...lats),
    ]);
    // The Niger passes Niamey and Mopti.
    expect(l.bbox[0]).toBeLessThan(-4.2);
    expect(l.bbox[2]).toBeGreaterThan(2.1);

    const f = await call('viewer-ml', 'GET', `/api/v1/imported-layers/${l.id}/features`);
    expect(f.statusCode).toBe(200);
    expect(f.headers['content-type']).toContain('application/geo+json');
    const got = f.json() as GeoJSON.FeatureCollection;
    expect(got.features.map((x) => x.geometry)).toEqual(NIGER.features.map((x) => x.geometry));
    expect(got.features.map((x) => x.properties)).toEqual(NIGER.features.map((x) => x.properties));
    // Small enough: the copy for drawing is the original.
    const d = await call(
      'viewer-ml',
      'GET',
      `/api/v1/imported-layers/${l.id}/features?for=display`,
    );
    expect(d.json()).toEqual(got);

    const list = await call('operator-ml', 'GET', '/api/v1/imported-layers');
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(l.id);

    const audit = await call('admin-ml', 'GET', `/api/v1/audit?entityType=layer&entityId=${l.id}`);
    expect(audit.json()).toEqual([
      expect.objectContaining({
        action: 'layer.import',
        actorName: 'analyst-ml',
        details: expect.objectContaining({
          name: 'Niger',
          format: 'geojson',
          features: 2,
          positions: pos.length,
        }),
      }),
    ]);
  });

  it('is in the OpenAPI document, and each import reaches the live socket of who may see it', async () => {
    const doc = (await s.app.inject({ url: '/api/openapi.json' })).json();
    const post = doc.paths['/api/v1/imported-layers'].post;
    expect(post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['name', 'releasability', 'text']),
    );
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '403', '413']),
    );
    expect(doc.paths['/api/v1/imported-layers/{id}/features'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'for', in: 'query' })]),
    );
    const seen: Array<{ type: string; data: Record<string, unknown>; audience: unknown }> = [];
    const off = s.app.sahelsat.services.deps.events.subscribe((e) => {
      if (e.type.startsWith('layer.')) seen.push(e);
    });
    const r = await importLayer('analyst-bf', {
      name: 'Live',
      releasability: 'nation',
      text: '{"type":"Point","coordinates":[-1.52,12.37]}',
    });
    await call('analyst-bf', 'DELETE', `/api/v1/imported-layers/${r.json().id}`);
    off();
    expect(seen.map((e) => [e.type, e.data.id, e.audience])).toEqual([
      ['layer.created', r.json().id, { kind: 'item', ownerNation: 'BF', releasability: 'nation' }],
      ['layer.deleted', r.json().id, { kind: 'item', ownerNation: 'BF', releasability: 'nation' }],
    ]);
  });

  it('imports the Niger from KML (the dashboard’s KML export) with the same coordinates', async () => {
    const kml = featureCollectionToKml(NIGER, 'Niger (KML)');
    const r = await importLayer('operator-bf', {
      name: 'Niger KML',
      releasability: 'alliance',
      fileName: 'niger.kml',
      text: kml,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ sourceFormat: 'kml', featureCount: 2, ownerNation: 'BF' });
    const got = (
      await call('viewer-ne', 'GET', `/api/v1/imported-layers/${r.json().id}/features`)
    ).json() as GeoJSON.FeatureCollection;
    expect(got.features.map((x) => x.geometry)).toEqual(NIGER.features.map((x) => x.geometry));
    expect(got.features.map((x) => x.properties?.name)).toEqual(['Niger', 'Niger']);
    expect(got.features[0]!.properties?.featurecla).toBe(NIGER.features[0]!.properties?.featurecla);
  });

  it('reads KML Folders, Polygons with holes, Points, LinearRings and ExtendedData', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
  <Document><name>Sites</name>
    <Folder><name>Towns</name>
      <Placemark id="bko"><name>Bamako &amp; district</name>
        <ExtendedData><Data name="pop"><value>2446700</value></Data></ExtendedData>
        <Point><coordinates>-8.0029,12.6392,350</coordinates></Point>
      </Placemark>
      <Folder>
        <Placemark><name>Lac Débo</name>
          <ExtendedData><SchemaData schemaUrl="#s"><SimpleData name="kind">lake</SimpleData></SchemaData></ExtendedData>
          <Polygon>
            <outerBoundaryIs><LinearRing><coordinates>
              -4.4,15.2 -4.0,15.2 -4.0,15.4 -4.4,15.4 -4.4,15.2
            </coordinates></LinearRing></outerBoundaryIs>
            <innerBoundaryIs><LinearRing><coordinates>-4.3,15.25 -4.1,15.25 -4.1,15.35 -4.3,15.25</coordinates></LinearRing></innerBoundaryIs>
          </Polygon>
        </Placemark>
      </Folder>
    </Folder>
    <Placemark><name>Zone</name><LinearRing><coordinates>1,13 2,13 2,14 1,13</coordinates></LinearRing></Placemark>
    <Placemark><name>Mixed</name><MultiGeometry>
      <Point><coordinates>2.1,13.5</coordinates></Point>
      <LineString><coordinates>2.1,13.5 2.2,13.6</coordinates></LineString>
    </MultiGeometry></Placemark>
  </Document>
</kml>`;
    const r = await importLayer('analyst-ne', {
      name: 'Sites',
      releasability: 'nation',
      text: kml,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().geometryTypes).toEqual(['LineString', 'Point', 'Polygon']);
    const got = (
      await call('analyst-ne', 'GET', `/api/v1/imported-layers/${r.json().id}/features`)
    ).json() as GeoJSON.FeatureCollection;
    expect(got.features).toEqual([
      {
        type: 'Feature',
        id: 'bko',
        properties: { name: 'Bamako & district', pop: '2446700' },
        geometry: { type: 'Point', coordinates: [-8.0029, 12.6392, 350] },
      },
      {
        type: 'Feature',
        properties: { name: 'Lac Débo', kind: 'lake' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [-4.4, 15.2],
              [-4.0, 15.2],
              [-4.0, 15.4],
              [-4.4, 15.4],
              [-4.4, 15.2],
            ],
            [
              [-4.3, 15.25],
              [-4.1, 15.25],
              [-4.1, 15.35],
              [-4.3, 15.25],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { name: 'Zone' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [1, 13],
              [2, 13],
              [2, 14],
              [1, 13],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { name: 'Mixed' },
        geometry: {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Point', coordinates: [2.1, 13.5] },
            {
              type: 'LineString',
              coordinates: [
                [2.1, 13.5],
                [2.2, 13.6],
              ],
            },
          ],
        },
      },
    ]);
  });

  it('keeps a big layer whole and draws a simplified copy of it', async () => {
    const r = await importLayer('admin', {
      name: 'West Africa',
      releasability: 'alliance',
      text: COUNTRIES_TEXT,
    });
    expect(r.statusCode, r.body).toBe(201);
    const l = r.json();
    const source = JSON.parse(COUNTRIES_TEXT) as GeoJSON.FeatureCollection;
    expect(l.positionCount).toBe(allPositions(source).length);
    expect(l.simplified).toBe(true);
    // The budget, plus at most a triangle for each ring that would collapse.
    expect(l.displayPositionCount).toBeLessThan(DISPLAY_POSITION_BUDGET * 1.05);
    const original = (
      await call('viewer-bf', 'GET', `/api/v1/imported-layers/${l.id}/features`)
    ).json() as GeoJSON.FeatureCollection;
    expect(original.features.map((f) => f.geometry)).toEqual(
      source.features.map((f) => f.geometry),
    );
    const display = (
      await call('viewer-bf', 'GET', `/api/v1/imported-layers/${l.id}/features?for=display`)
    ).json() as GeoJSON.FeatureCollection;
    expect(display.features).toHaveLength(source.features.length);
    expect(allPositions(display)).toHaveLength(l.displayPositionCount);
    // Every drawn vertex is one of the original's, every ring is closed with ≥ 4 positions.
    source.features.forEach((f, i) => {
      const keys = new Set(positions(f.geometry).map((p) => `${p[0]},${p[1]}`));
      const g = display.features[i]!.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
      for (const p of positions(g)) expect(keys.has(`${p[0]},${p[1]}`)).toBe(true);
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      for (const poly of polys) {
        expect(poly.length).toBeGreaterThan(0);
        for (const ring of poly) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
        }
      }
    });
  });

  it('refuses bad files with the path and line of every problem, in English and French', async () => {
    const bad = JSON.parse(NIGER_TEXT) as {
      features: Array<{ geometry: { coordinates: unknown[][] } }>;
    };
    bad.features[1]!.geometry.coordinates[0]![3] = [2.1, 95];
    bad.features[1]!.geometry.coordinates[2]![5] = [181, 13];
    bad.features[0]!.geometry.coordinates[1]![2] = ['x', 14];
    const text = JSON.stringify(bad, null, 1);
    const en = await importLayer('analyst-ml', { name: 'Bad', releasability: 'nation', text });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.code).toBe('invalid-layer');
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    const secondFeatureLine = text
      .split('\n')
      .findIndex(
        (l, i, all) =>
          /"type": "Feature"/.test(l) && all.slice(0, i).some((x) => /"type": "Feature"/.test(x)),
      );
    expect(issuesOf(en)).toEqual([
      {
        path: 'body.text.features[0].geometry.coordinates[1][2][0]',
        message: 'not a finite number: "x"',
        line: lineOf('"type": "Feature"'),
      },
      {
        path: 'body.text.features[1].geometry.coordinates[0][3]',
        message: 'latitude 95 outside −90…90',
        line: secondFeatureLine + 1,
      },
      {
        path: 'body.text.features[1].geometry.coordinates[2][5]',
        message: 'longitude 181 outside −180…180',
        line: secondFeatureLine + 1,
      },
    ]);
    const fr = await importLayer(
      'analyst-ml',
      { name: 'Bad', releasability: 'nation', text },
      'fr',
    );
    expect(fr.json().error.message).toBe('la requête n’est pas valide : 3 problème(s)');
    expect(issuesOf(fr)[1]!.message).toBe('latitude 95 hors de −90…90');

    const cases: Array<[string, string, string]> = [
      [
        '{"type":"Polygon","coordinates":[[[0,10],[1,10],[1,11],[0,11]]]}',
        'body.text.coordinates[0][3]',
        'ring not closed: its last position must equal its first',
      ],
      [
        '{"type":"LineString","coordinates":[[0,10]]}',
        'body.text.coordinates',
        'a line needs at least 2 positions (has 1)',
      ],
      [
        '{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1e400,3]}}',
        'body.text.geometry.coordinates[0]',
        'not a finite number: Infinity',
      ],
      [
        '{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1]}}',
        'body.text.geometry.coordinates',
        'a position is [longitude, latitude] or [longitude, latitude, altitude] in numbers',
      ],
      [
        '{"type":"Feature","properties":{},"geometry":{"type":"Circle","coordinates":[1,3]}}',
        'body.text.geometry.type',
        'unsupported type "Circle" (expected FeatureCollection, Feature, Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)',
      ],
      [
        '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[0,0]]]]}}]}',
        'body.text.features[0].geometry.coordinates[0][0]',
        'a ring needs at least 4 positions (has 3)',
      ],
      [
        '{"type":"FeatureCollection","features":[{"type":"Point","coordinates":[0,0]}]}',
        'body.text.features[0].type',
        'expected a Feature (type "Feature")',
      ],
      ['{"type":"FeatureCollection","features":[]}', 'body.text', 'the layer has no feature'],
    ];
    for (const [text, path, message] of cases) {
      const r = await importLayer('analyst-ml', { name: 'Bad', releasability: 'nation', text });
      expect(r.statusCode, text).toBe(400);
      expect(issuesOf(r)[0], text).toMatchObject({ path, message });
    }

    const json = await importLayer('analyst-ml', {
      name: 'Bad',
      releasability: 'nation',
      text: '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature",, }\n  ]\n}',
    });
    expect(json.statusCode).toBe(400);
    expect(issuesOf(json)[0]).toMatchObject({ path: 'body.text', line: 4 });
    expect(issuesOf(json)[0]!.message).toMatch(/^not valid JSON/);

    const kml = await importLayer(
      'analyst-ml',
      {
        name: 'Bad KML',
        releasability: 'nation',
        text: '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n<Placemark><name>a</name>\n<LineString><coordinates>1,2 3,x</coordinates></LineString></Placemark>\n<Placemark><name>b</name><Point><coordinates>200,2</coordinates></Point></Placemark>\n</Document></kml>',
      },
      'fr',
    );
    expect(kml.statusCode).toBe(400);
    expect(issuesOf(kml)).toEqual([
      {
        path: 'body.text.Placemark[0].LineString.coordinates[1]',
        line: 2,
        message: 'un tuple de coordonnées s’écrit « longitude,latitude[,altitude] » : reçu « 3,x »',
      },
      {
        path: 'body.text.Placemark[1].Point.coordinates[0]',
        line: 4,
        message: 'longitude 200 hors de −180…180',
      },
    ]);

    const xml = await importLayer('analyst-ml', {
      name: 'Bad XML',
      releasability: 'nation',
      text: '<kml>\n<Document>\n<Placemark></Document></kml>',
    });
    expect(xml.statusCode).toBe(400);
    expect(issuesOf(xml)[0]).toMatchObject({ path: 'body.text', line: 3 });

    const neither = await importLayer('analyst-ml', {
      name: 'x',
      releasability: 'nation',
      text: 'name,lon,lat',
    });
    expect(issuesOf(neither)[0]!.message).toMatch(/neither GeoJSON nor KML/);
    // Nothing of this was stored or audited.
    const audit = await call('admin', 'GET', '/api/v1/audit?entityType=layer&action=layer.import');
    expect(audit.json().map((a: { details: { name: string } }) => a.details.name)).not.toContain(
      'Bad',
    );
  });

  it('limits the features, the positions listed and the body size', async () => {
    const n = USER_LAYER_LIMITS.maxFeatures + 1;
    const many = {
      type: 'FeatureCollection',
      features: Array.from({ length: n }, (_, i) => ({
        type: 'Feature',
        properties: null,
        geometry: { type: 'Point', coordinates: [(i % 300) / 100, 12] },
      })),
    };
    const r = await importLayer('analyst-ml', {
      name: 'Many',
      releasability: 'nation',
      text: JSON.stringify(many),
    });
    expect(r.statusCode).toBe(400);
    expect(issuesOf(r)).toEqual([
      {
        path: 'body.text.features',
        message: `too many features: ${n} (limit ${USER_LAYER_LIMITS.maxFeatures})`,
      },
    ]);
    // Many bad positions: the first ones are listed, the rest counted.
    const line = {
      type: 'LineString',
      coordinates: Array.from({ length: 50 }, (_, i) => [i, 100]),
    };
    const r2 = await importLayer('analyst-ml', {
      name: 'Bad',
      releasability: 'nation',
      text: JSON.stringify(line),
    });
    const issues = issuesOf(r2);
    expect(issues).toHaveLength(USER_LAYER_LIMITS.maxIssues + 1);
    expect(issues.at(-1)!.message).toBe(
      `${50 - USER_LAYER_LIMITS.maxIssues} more problem(s) not listed`,
    );
    const big = await importLayer('analyst-ml', {
      name: 'Too big',
      releasability: 'nation',
      text: COUNTRIES_TEXT + ' '.repeat(LIMIT_BYTES),
    });
    expect(big.statusCode).toBe(413);
  });

  it('keeps a nation’s layers from the others, and lets only its own change them', async () => {
    const mk = async (user: string, releasability: string) =>
      (
        await importLayer(user, {
          name: `${user} ${releasability}`,
          releasability,
          text: NIGER_TEXT,
        })
      ).json().id as string;
    const mlNation = await mk('analyst-ml', 'nation');
    const mlAlliance = await mk('operator-ml', 'alliance');
    for (const u of ['analyst-bf', 'viewer-ne', 'admin']) {
      expect((await call(u, 'GET', `/api/v1/imported-layers/${mlNation}`)).statusCode).toBe(404);
      expect(
        (await call(u, 'GET', `/api/v1/imported-layers/${mlNation}/features`)).statusCode,
      ).toBe(404);
      expect(
        (await call(u, 'PATCH', `/api/v1/imported-layers/${mlNation}`, { name: 'x' })).statusCode,
      ).toBe(404);
      expect((await call(u, 'DELETE', `/api/v1/imported-layers/${mlNation}`)).statusCode).toBe(404);
      const ids = (await call(u, 'GET', '/api/v1/imported-layers'))
        .json()
        .items.map((x: { id: string }) => x.id);
      expect(ids).not.toContain(mlNation);
      expect(ids).toContain(mlAlliance);
      // Seen, but not theirs.
      expect(
        (await call(u, 'PATCH', `/api/v1/imported-layers/${mlAlliance}`, { name: 'x' })).statusCode,
      ).toBe(403);
    }
    expect(
      (await importLayer('viewer-ml', { name: 'v', releasability: 'nation', text: NIGER_TEXT }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('viewer-ml', 'PATCH', `/api/v1/imported-layers/${mlNation}`, { name: 'x' }))
        .statusCode,
    ).toBe(403);

    // The owner nation renames, recolours and re-releases; each change is audited.
    const p = await call('operator-ml', 'PATCH', `/api/v1/imported-layers/${mlNation}`, {
      name: 'Niger (Mali)',
      colour: '#00FF00',
    });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ name: 'Niger (Mali)', colour: '#00ff00', version: 2 });
    expect(
      (
        await call('analyst-ml', 'PATCH', `/api/v1/imported-layers/${mlNation}`, {
          colour: 'green',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call('analyst-ml', 'PATCH', `/api/v1/imported-layers/${mlNation}`, {})).statusCode,
    ).toBe(400);
    const rel = await call('analyst-ml', 'PATCH', `/api/v1/imported-layers/${mlAlliance}`, {
      releasability: 'nation',
    });
    expect(rel.statusCode).toBe(200);
    expect(
      (await call('analyst-bf', 'GET', `/api/v1/imported-layers/${mlAlliance}`)).statusCode,
    ).toBe(404);
    const del = await call('analyst-ml', 'DELETE', `/api/v1/imported-layers/${mlNation}`);
    expect(del.json()).toEqual({ ok: true });
    expect(
      (await call('analyst-ml', 'GET', `/api/v1/imported-layers/${mlNation}`)).statusCode,
    ).toBe(404);

    const audit = (
      await call('admin-ml', 'GET', `/api/v1/audit?entityType=layer&entityId=${mlNation}`)
    ).json() as Array<{
      action: string;
      actorName: string;
      details: Record<string, unknown>;
    }>;
    expect(audit.map((a) => [a.action, a.actorName])).toEqual([
      ['layer.delete', 'analyst-ml'],
      ['layer.update', 'operator-ml'],
      ['layer.import', 'analyst-ml'],
    ]);
    expect(audit[1]!.details).toEqual({
      name: { from: 'analyst-ml nation', to: 'Niger (Mali)' },
      colour: { from: expect.any(String), to: '#00ff00' },
    });
    // The audit log stays a valid chain.
    expect((await call('admin', 'GET', '/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
