import { describe, expect, it } from 'vitest';
import {
  type ProductFacts,
  evaluateFloodArea,
  evaluateNewProduct,
  evaluateRequestOutcome,
} from '../../src/alerts/rules.js';
import { loadBundledZones, zonalStatistics } from '../../src/imaging/zonal.js';

const zones = loadBundledZones();
const rect = (w: number, s: number, e: number, n: number): GeoJSON.Feature => ({
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  },
});
/** A flood over Mopti town (4.2 W, 14.5 N), about 0.2° × 0.2°: ≈ 470 km². */
const stats = zonalStatistics(
  { type: 'FeatureCollection', features: [rect(-4.3, 14.4, -4.1, 14.6)] },
  zones,
);
const product: ProductFacts = {
  id: 'p1',
  type: 'flood',
  title: 'Niger inner delta, 14 Sept',
  acquiredAt: '2026-09-14T06:30:00Z',
  bbox: [-4.3, 14.4, -4.1, 14.6],
  areaKm2: stats.totalAreaKm2,
  stats,
};
const moptiStats = stats.regions.find((r) => r.regionId === 'ML-5')!;
const zone = {
  id: 'ML-5',
  name: 'Mopti',
  geometry: null,
  bbox: [-6, 13, -1, 17] as [number, number, number, number],
  areaKm2: moptiStats.areaKm2,
  share: moptiStats.share,
  previousAreaKm2: moptiStats.previousAreaKm2,
};
const spec = {
  kind: 'flood-area' as const,
  regionId: 'ML-5',
  aoiId: null,
  thresholdKm2: 100,
  rising: false,
  productType: null,
};

describe('alert rules', () => {
  it('flood-area: fires above the threshold, with texts in both languages naming the towns', () => {
    expect(moptiStats.areaKm2).toBeGreaterThan(400);
    const a = evaluateFloodArea(spec, product, zone)!;
    expect(a.severity).toBe('Severe'); // ≥ 4 × the threshold
    expect(a.category).toBe('Met');
    expect(a.headline.en).toMatch(/^Flooding, Mopti: 4\d\d km² \(0\.\d+%\)$/);
    expect(a.headline.fr).toMatch(/^Inondation, Mopti : 4\d\d km² \(0,\d+\s%\)$/);
    expect(a.description.en).toMatch(/Mopti \([\d,]+ inhabitants, inside\)/);
    expect(a.description.fr).toMatch(/Mopti \([\d\s]+ habitants, dans la zone\)/);
    expect(a.area.geometry?.type).toBe('Polygon'); // the product footprint when no zone geometry
    expect(evaluateFloodArea({ ...spec, thresholdKm2: 1000 }, product, zone)).toBeNull();
    expect(evaluateFloodArea({ ...spec, productType: 'change' }, product, zone)).toBeNull();
    expect(evaluateFloodArea(spec, product, { ...zone, areaKm2: 0 })).toBeNull();
  });

  it('flood-area rising: needs more than the previous product', () => {
    const rising = { ...spec, rising: true };
    expect(evaluateFloodArea(rising, product, { ...zone, previousAreaKm2: 1000 })).toBeNull();
    const up = evaluateFloodArea(rising, product, { ...zone, previousAreaKm2: 200 })!;
    expect(up.description.en).toMatch(/previous map showed 200 km²/);
    expect(up.description.fr).toMatch(/carte précédente montrait 200 km²/);
    expect(evaluateFloodArea(rising, product, { ...zone, previousAreaKm2: null })).not.toBeNull();
  });

  it('new-product: only when the footprint meets the AOI', () => {
    const aoi = {
      id: 'a',
      name: 'Sévaré',
      geometry: null,
      bbox: [-4.2, 14.5, -4.0, 14.6] as [number, number, number, number],
    };
    const s = { kind: 'new-product' as const, aoiId: 'a', productType: null };
    expect(evaluateNewProduct(s, product, aoi)!.headline.fr).toBe(
      'Nouvelle carte d’inondation sur Sévaré : Niger inner delta, 14 Sept',
    );
    expect(evaluateNewProduct(s, product, { ...aoi, bbox: [0, 0, 1, 1] })).toBeNull();
  });

  it('request-outcome: only the outcome asked for', () => {
    const r = {
      id: 'r',
      title: 'Mopti',
      to: 'failed',
      reason: 'clouds',
      at: '2026-09-14T10:00:00Z',
      geometry: null,
    };
    expect(evaluateRequestOutcome({ kind: 'request-outcome', outcome: 'delivered' }, r)).toBeNull();
    const a = evaluateRequestOutcome({ kind: 'request-outcome', outcome: 'failed' }, r)!;
    expect(a.description.en).toBe(
      'The imaging request “Mopti” failed on 14/09/2026 10:00 UTC. Reason: clouds.',
    );
    expect(a.description.fr).toBe(
      'La demande d’imagerie « Mopti » a échoué le 14/09/2026 10:00 UTC. Motif : clouds.',
    );
  });
});
