// Benchmark: zonal statistics of a large flood product over the bundled regions and towns.
//
//   npm run build && node bench/zonal.mjs          (BENCH_TILES=20, BENCH_PEER_TILES=2)
//
// Product: the real Sen1Floods11 hand label (../shared/reference/imagery/sen1floods11, 571
// polygons, 8-connected as gdal_polygonize -8) copied on a TILES × TILES lattice every 0.05°
// from 7.5° W, 12.6° N: 571·TILES² features across the Koulikoro / Ségou boundary. Compared, in
// the same run on a TILES_PEER² subset, with the plain approach: polyclip-ts (the engine of
// @turf/intersect) union of all polygons, then its intersection with every region.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { intersection, union } from 'polyclip-ts';
import { openRaster } from '../dist/io/raster/reader.js';
import { polygonize } from '../dist/imaging/polygonize.js';
import { multiPolygonAreaM2 } from '../dist/imaging/polygon-area.js';
import { collectionPolygons, loadBundledZones, zonalStatistics } from '../dist/imaging/zonal.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REF = process.env.SAHELSAT_REFERENCE_DIR ?? resolve(ROOT, '../shared/reference');
const TILES = Number(process.env.BENCH_TILES ?? 20);
const PEER_TILES = Number(process.env.BENCH_PEER_TILES ?? 2);

const r = await openRaster(resolve(REF, 'imagery/sen1floods11/Spain_7370579_LabelHand.tif'));
const [label] = await r.readWindow({ x0: 0, y0: 0, width: 512, height: 512 }, [0]);
const t = r.grid.transform;
await r.close();
const mask = new Uint8Array(512 * 512).map((_, i) => (label[i] === 1 ? 1 : 0));
const chip = polygonize(mask, 512, 512, { connectivity: 8 }).map((c) =>
  c.polygons.map((p) =>
    [p.shell, ...p.holes].map((ring) => {
      const out = [];
      for (let k = 0; k < ring.length; k += 2)
        out.push([t.originX + ring[k] * t.pixelSizeX, t.originY + ring[k + 1] * t.pixelSizeY]);
      return out;
    }),
  ),
);

function product(tiles) {
  const features = [];
  for (let i = 0; i < tiles; i++)
    for (let j = 0; j < tiles; j++) {
      const dx = -7.5 + i * 0.05 - t.originX;
      const dy = 12.6 + j * 0.05 - t.originY;
      for (const mp of chip)
        features.push({
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'MultiPolygon',
            coordinates: mp.map((p) => p.map((ring) => ring.map(([x, y]) => [x + dx, y + dy]))),
          },
        });
    }
  return { type: 'FeatureCollection', features };
}

const zones = loadBundledZones();

function ours(fc) {
  const t0 = performance.now();
  const s = zonalStatistics(fc, zones);
  return { ms: performance.now() - t0, s };
}
function peer(fc) {
  const t0 = performance.now();
  const polys = collectionPolygons(fc);
  const u = union(...polys.map((p) => [p]));
  const regions = {};
  for (const f of zones.regions.features) {
    const a = multiPolygonAreaM2(
      intersection(u, collectionPolygons({ type: 'FeatureCollection', features: [f] })),
    );
    if (a > 0) regions[f.properties.id] = a / 1e6;
  }
  return { ms: performance.now() - t0, regions, total: multiPolygonAreaM2(u) / 1e6 };
}

const small = product(PEER_TILES);
const a = ours(small);
const b = peer(small);
const worst = Math.max(
  Math.abs(a.s.totalAreaKm2 - b.total) / b.total,
  ...a.s.regions.map((x) => Math.abs(x.areaKm2 - (b.regions[x.regionId] ?? 0)) / x.areaKm2),
);
console.log(
  `${small.features.length} features: sahelsat ${a.ms.toFixed(0)} ms, polyclip union+intersect ${b.ms.toFixed(0)} ms (×${(b.ms / a.ms).toFixed(1)}); largest relative difference ${worst.toExponential(1)}`,
);
const big = product(TILES);
const c = ours(big);
console.log(
  `${big.features.length} features: sahelsat ${(c.ms / 1000).toFixed(1)} s, total ${c.s.totalAreaKm2.toFixed(1)} km², regions ${c.s.regions.map((x) => `${x.regionId} ${x.areaKm2.toFixed(1)}`).join(', ')}, towns ${c.s.towns.length}; peak RSS of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; load ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
);
