/**
 * The link over a map (src/telecom/link-map.ts) against the point link budget of geo-link.ts
 * with the terminal placed at the same site: the prepared attenuation must equal
 * slantPathAttenuation, and a site's availability must be where the point budget's Es/N0
 * crosses the threshold (and what acmStatistics reports under ACM). ITU-R crops read in place.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type GeoLinkInput,
  acmStatistics,
  geoLinkBudget,
  geoLook,
  linkThresholdDb,
  nominalGeoPositionItrf,
  prepareGeoLink,
  prepareLinkMap,
  prepareSlantPath,
  slantPathAttenuation,
} from '../../src/telecom/index.js';
import { REPO_DIR } from '../support/reference.js';
import { h0Table, sahelMaps } from './support/maps.js';

const sources = { maps: sahelMaps, oxygenHeight: h0Table };
const example = JSON.parse(readFileSync(`${REPO_DIR}/docs/examples/link-budget.json`, 'utf8'))
  .links[0] as GeoLinkInput;
const BAMAKO = { lat: 12.65, lon: -8.0 };
const AGADEZ = { lat: 16.97, lon: 7.99 };

/** The example link with its receiver at a site, taking everything there from the maps. */
const at = (site: { lat: number; lon: number }, over: Partial<GeoLinkInput> = {}): GeoLinkInput => {
  const { climate: _c, altitudeM: _a, ...rx } = example.receiver;
  return {
    ...example,
    ...over,
    receiver: { ...rx, latitudeDeg: site.lat, longitudeDeg: site.lon },
  };
};

describe('prepareSlantPath', () => {
  it('equals slantPathAttenuation at every p, from the maps and from a given climate', () => {
    const sat = nominalGeoPositionItrf(-5);
    for (const st of [
      { ...example.receiver, latitudeDeg: BAMAKO.lat, longitudeDeg: BAMAKO.lon },
      { ...example.transmitter, climate: { r001MmH: 70, rainHeightKm: 4.9, nWet: 90 } },
    ]) {
      const { climate, altitudeM, ...rest } = st as typeof st & { climate?: object };
      const el = geoLook(
        {
          latitudeDeg: rest.latitudeDeg,
          longitudeDeg: rest.longitudeDeg,
          altitudeKm: (altitudeM ?? 0) / 1000,
        },
        sat,
      ).elevationDeg;
      const f = prepareSlantPath(st, 19.7, el, sources);
      for (const p of [0.01, 0.07, 0.3, 1, 4.9, 5, 7, 20, 50]) {
        const want = slantPathAttenuation(
          {
            latitudeDeg: rest.latitudeDeg,
            longitudeDeg: rest.longitudeDeg,
            ...(altitudeM === undefined ? {} : { altitudeKm: altitudeM / 1000 }),
            frequencyGhz: 19.7,
            elevationDeg: el,
            pPercent: p,
            antennaDiameterM: rest.antennaDiameterM,
            efficiency: rest.efficiency,
            tauDeg: rest.tauDeg,
          },
          climate ?? {},
          sources,
        ).totalDb;
        expect(f(p), `p = ${p}`).toBeCloseTo(want, 10);
      }
    }
  });
});

describe('prepareLinkMap', () => {
  it('under ACM, gives at Bamako and Agadez the availability acmStatistics gives there', () => {
    const site = prepareLinkMap(example, 'receiver', sources);
    for (const s of [BAMAKO, AGADEZ]) {
      const r = site(s.lat, s.lon);
      expect(r.visible).toBe(true);
      const acm = acmStatistics(at(s), sources);
      expect(r.availabilityPercent).toBeGreaterThan(50);
      expect(r.availabilityPercent).toBeLessThan(99.99);
      expect(Math.abs(r.availabilityPercent - acm.availabilityPercent)).toBeLessThan(1e-4);
      // the margin at the required availability, from the point budget
      const b = prepareGeoLink(at(s), sources)(100 - example.availabilityPercent);
      expect(r.marginDb).toBeCloseTo(b.esN0Db - linkThresholdDb(example), 9);
    }
  });

  it('with a fixed MODCOD, the point budget at p = 100 − availability has a zero margin', () => {
    const fixed = { modcod: 'QPSK 3/4' };
    const site = prepareLinkMap({ ...example, ...fixed }, 'receiver', sources);
    const r = site(BAMAKO.lat, BAMAKO.lon);
    const b = geoLinkBudget(
      { ...at(BAMAKO, fixed), availabilityPercent: r.availabilityPercent },
      sources,
    );
    expect(b.modcod?.name).toBe('QPSK 3/4');
    expect(Math.abs(b.marginDb!)).toBeLessThan(1e-4);
  });

  it('moves the transmitter of a return link, the hub staying put', () => {
    const site = prepareLinkMap(example, 'transmitter', sources);
    const r = site(AGADEZ.lat, AGADEZ.lon);
    const { climate: _c, altitudeM: _a, ...tx } = example.transmitter;
    const moved = {
      ...example,
      transmitter: { ...tx, latitudeDeg: AGADEZ.lat, longitudeDeg: AGADEZ.lon },
    };
    const b = prepareGeoLink(moved, sources)(100 - example.availabilityPercent);
    expect(r.marginDb).toBeCloseTo(b.esN0Db - linkThresholdDb(example), 9);
  });

  it('reports a site that does not see the satellite as not visible, and refuses a hub that does not', () => {
    const site = prepareLinkMap(example, 'receiver', sources);
    expect(site(12, 100).visible).toBe(false);
    expect(() =>
      prepareLinkMap({ ...example, satelliteLongitudeDeg: 100 }, 'receiver', sources),
    ).toThrow(/transmitter sees the satellite at -\d/);
  });
});
