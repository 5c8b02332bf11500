// Benchmark: availability map of a Ka-band GEO link over Mali, Burkina Faso and Niger at 0.1°
// (≈ 23 000 sites inside the borders), ITU-R maps read from the reference crops in place.
// Peer: no external peer runs offline here (ITU-Rpy needs astropy, not installable from the
// registries this machine reaches), so the fast path is compared with a naive per-site
// implementation of ours measured in the same run: bisection on p calling the full
// slantPathAttenuation (which re-resolves every climatic parameter, P.837-7 Annex 1 included).
// Usage: node --expose-gc bench/telecom-availability-map.mjs [REFERENCE_DIR]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openMapDirectory, readOxygenHeightTable } from '../dist/io/itur-maps.js';
import { maskTest, parseMaskPolygons } from '../dist/io/availability-map.js';
import {
  availabilityGrid,
  geoLook,
  nominalGeoPositionItrf,
  slantPathAttenuation,
} from '../dist/telecom/index.js';

const ref =
  process.argv[2] ??
  process.env.SAHELSAT_REFERENCE_DIR ??
  resolve(import.meta.dirname, '../../shared/reference');
const mapsDir = resolve(ref, 'itur/maps-sahel');
const link = {
  satelliteLongitudeDeg: -5,
  frequencyGhz: 19.7,
  marginDb: 6,
  antennaDiameterM: 1.2,
  efficiency: 0.65,
  tauDeg: 45,
};
const maskFile = resolve(ref, 'geodata/countries_mli_bfa_ner_ne10m.geojson');
const include = maskTest(parseMaskPolygons(readFileSync(maskFile, 'utf8'), maskFile));
const grid = { latMin: 9.4, latMax: 25, lonMin: -12.3, lonMax: 16, stepDeg: 0.1 };

function fresh() {
  const maps = openMapDirectory(mapsDir);
  return { maps, oxygenHeight: readOxygenHeightTable(mapsDir) };
}

function naive(lat, lon, sources) {
  const el = geoLook(
    { latitudeDeg: lat, longitudeDeg: lon, altitudeKm: 0 },
    nominalGeoPositionItrf(link.satelliteLongitudeDeg),
  ).elevationDeg;
  const a = (p) =>
    slantPathAttenuation(
      {
        latitudeDeg: lat,
        longitudeDeg: lon,
        frequencyGhz: link.frequencyGhz,
        elevationDeg: el,
        pPercent: p,
        antennaDiameterM: link.antennaDiameterM,
        efficiency: link.efficiency,
        tauDeg: link.tauDeg,
      },
      {},
      sources,
    ).totalDb;
  if (a(0.01) <= link.marginDb) return 99.99;
  if (a(5) > link.marginDb) return 95;
  let lo = Math.log(0.01),
    hi = Math.log(5);
  for (let i = 0; i < 40 && hi - lo > 1e-6; i++) {
    const mid = (lo + hi) / 2;
    if (a(Math.exp(mid)) > link.marginDb) lo = mid;
    else hi = mid;
  }
  return 100 - Math.exp(hi);
}

const runs = [];
let sites = 0;
let result;
for (let r = 0; r < 3; r++) {
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  result = availabilityGrid(grid, link, fresh(), include);
  runs.push({
    s: (performance.now() - t0) / 1000,
    rssMb: (process.memoryUsage().rss - rss0) / 1e6,
  });
  sites = result.mask.reduce((s, v) => s + v, 0);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
// naive on a 1° subgrid (same code path per site, so per-site times compare)
const coarse = [];
for (let lat = grid.latMax; lat >= grid.latMin; lat -= 1)
  for (let lon = grid.lonMin; lon <= grid.lonMax; lon += 1)
    if (include(lat, lon)) coarse.push([lat, lon]);
const srcN = fresh();
const t1 = performance.now();
let maxDiff = 0;
for (const [lat, lon] of coarse) {
  const v = naive(lat, lon, srcN);
  const i = Math.round((grid.latMax - lat) / grid.stepDeg),
    j = Math.round((lon - grid.lonMin) / grid.stepDeg);
  maxDiff = Math.max(maxDiff, Math.abs(v - result.availability[i * result.cols + j]));
}
const naivePerSiteMs = (performance.now() - t1) / coarse.length;
const fastPerSiteMs = (median(runs.map((x) => x.s)) * 1000) / sites;
console.log(
  JSON.stringify(
    {
      sites,
      runs,
      median_s: median(runs.map((x) => x.s)),
      peak_rss_mb: process.memoryUsage().rss / 1e6,
      fast_ms_per_site: fastPerSiteMs,
      naive_ms_per_site: naivePerSiteMs,
      naive_sites: coarse.length,
      naive_extrapolated_s: (naivePerSiteMs * sites) / 1000,
      speedup: naivePerSiteMs / fastPerSiteMs,
      max_abs_diff_percent: maxDiff,
    },
    null,
    1,
  ),
);
