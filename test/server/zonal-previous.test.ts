/**
 * The flood job computes statistics in its worker before the previous product is known, then
 * applies the comparison (`withPrevious`); that must equal computing with the previous product
 * (`zonalStatistics(…, {previous})`), including a receding flood's zero rows. Real zones: the
 * bundled regions of Mali.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledZones, zonalStatistics } from '../../src/imaging/zonal.js';
import { withPrevious, zonalInThread } from '../../src/server/services/zonal-thread.js';
import { squareFeature } from '../support/products.js';

const zones = loadBundledZones();
const fc = (...features: ReturnType<typeof squareFeature>[]) =>
  ({ type: 'FeatureCollection', features }) as unknown as GeoJSON.FeatureCollection;
const byId = (s: ReturnType<typeof zonalStatistics>) =>
  Object.fromEntries(s.regions.map((r) => [r.regionId, r]));

describe('statistics compared with the previous product', () => {
  // Week 1: water at Mopti and at Ségou; week 2: at Mopti only, larger.
  const week1 = zonalStatistics(
    fc(squareFeature(-4.3, 14.4, 0.2), squareFeature(-6.3, 13.4, 0.1)),
    zones,
  );
  const week2 = fc(squareFeature(-4.3, 14.4, 0.3));

  it('withPrevious equals zonalStatistics with the previous product, receding regions included', () => {
    expect(week1.regions.length).toBe(2);
    const direct = zonalStatistics(week2, zones, { previous: week1 });
    const merged = withPrevious(zonalStatistics(week2, zones), week1);
    expect(byId(merged)).toEqual(byId(direct));
    expect(merged.regions.map((r) => r.areaKm2)).toEqual(direct.regions.map((r) => r.areaKm2));
    const receded = merged.regions.find((r) => r.areaKm2 === 0)!;
    expect(receded.previousAreaKm2).toBeGreaterThan(0);
    expect(withPrevious(week1, null)).toBe(week1);
  });

  it('computes the same statistics in a worker thread, and reports bad geometry as a ValidationError', async () => {
    const inThread = await zonalInThread({ product: week2, aois: [], previous: week1 });
    expect(inThread).toEqual(zonalStatistics(week2, zones, { previous: week1 }));
    const bad = fc({
      ...squareFeature(0, 0, 1),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
          ],
        ],
      },
    } as never);
    await expect(zonalInThread({ product: bad, aois: [], previous: null })).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});
