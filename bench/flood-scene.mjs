// Benchmark: a Sentinel-1-GRD-tile-sized scene (10 980 × 10 980 float32 backscatter in dB) to a
// water mask and polygons, against GDAL's gdal_calc.py + gdal_polygonize.py on the same input, in
// the same run. Time and peak resident memory of each pipeline come from GNU time (/usr/bin/time).
//
//   npm run build && node bench/flood-scene.mjs            (BENCH_RUNS=3, BENCH_SIZE=10980)
//
// The scene is generated once (deterministic) into var/bench/ and reused. Pipelines:
//   sahelsat-full   : `sahelsat flood` as shipped — 3×3 speckle filter, split-based Otsu (2 passes),
//                     evidence decision, 1000 m² MMU, COG + GeoJSON + stats + report.
//   sahelsat-plain  : same command with --speckle 0 --mmu 0: threshold + polygonize every patch,
//                     the same work GDAL does (plus the automatic threshold and the COG).
//   gdal            : gdal_calc.py "A<T" (T = sahelsat's decision boundary: same mask as
//                     sahelsat-plain) → Byte GeoTIFF, then
//                     gdal_polygonize.py -8 -mask (water only) → GeoJSON.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCog } from '../dist/io/raster/cog-writer.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = Number(process.env.BENCH_SIZE ?? 10980);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DIR = join(ROOT, 'var', 'bench');
const SCENE = join(DIR, `s1-vh-${SIZE}.tif`);
mkdirSync(DIR, { recursive: true });

// --- scene generation ---------------------------------------------------------------------------
function mulberry(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Gamma(k, 1/k) sample (mean 1): multi-look speckle with k looks (Marsaglia & Tsang 2000). */
function gammaSampler(k, r) {
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const normal = () => {
    const u = Math.max(r(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  };
  return () => {
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = r();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / k;
    }
  };
}
/** A smooth random field: bilinear interpolation of a coarse random grid, two octaves. */
function field(seed, cell) {
  const r = mulberry(seed);
  const n = Math.ceil(SIZE / cell) + 2;
  const g = Float64Array.from({ length: n * n }, () => r());
  return (x, y) => {
    const fx = x / cell;
    const fy = y / cell;
    const i = Math.floor(fx);
    const j = Math.floor(fy);
    const u = fx - i;
    const v = fy - j;
    const a = g[j * n + i] * (1 - u) + g[j * n + i + 1] * u;
    const b = g[(j + 1) * n + i] * (1 - u) + g[(j + 1) * n + i + 1] * u;
    return a * (1 - v) + b * v;
  };
}

async function generate() {
  if (existsSync(SCENE)) return;
  console.error(`generating ${SCENE} …`);
  const lakes = field(1, 900);
  const detail = field(2, 120);
  const land = field(3, 300);
  const T = 512;
  const tile = new Float32Array(T * T);
  // ~0.0001° pixels around Niamey, as an EPSG:4326 GRD-like product.
  const grid = {
    width: SIZE,
    height: SIZE,
    epsg: 4326,
    transform: { originX: 1.6, originY: 14.0, pixelSizeX: 0.0001, pixelSizeY: -0.0001 },
  };
  await writeCog(
    SCENE,
    { grid, sampleType: 'float32', tileSize: T, overviewLevels: 0, deflateLevel: 1 },
    (_l, tx, ty) => {
      const speckle = gammaSampler(4.4, mulberry(1000 + ty * 1000 + tx));
      for (let y = 0; y < T; y++)
        for (let x = 0; x < T; x++) {
          const X = tx * T + x;
          const Y = ty * T + y;
          if (X >= SIZE || Y >= SIZE) {
            tile[y * T + x] = NaN;
            continue;
          }
          const river =
            Math.abs(Y - SIZE / 2 - 900 * Math.sin(X / 1400) - 300 * Math.sin(X / 330)) <
            25 + 20 * detail(X, Y);
          const water = river || 0.7 * lakes(X, Y) + 0.3 * detail(X, Y) > 0.66;
          const meanDb = water ? -24 + 2 * detail(X, Y) : -15 + 4 * (land(X, Y) - 0.5);
          tile[y * T + x] = meanDb + 10 * Math.log10(speckle());
        }
      return tile;
    },
  );
}

// --- runs -------------------------------------------------------------------------------------
function timed(label, cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`${label} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
    r.stderr,
  );
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, peakMiB: Number(rss[1]) / 1024 };
}

function sahelsat(out, extra) {
  rmSync(out, { recursive: true, force: true });
  return timed('sahelsat', process.execPath, [
    join(ROOT, 'bin', 'sahelsat.js'),
    'flood',
    '--s1',
    SCENE,
    '--s1-bands',
    'VH=1',
    '--out',
    out,
    ...extra,
  ]);
}

function gdal(threshold, out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const mask = join(out, 'mask.tif');
  const a = timed('gdal_calc', '/usr/bin/python3', [
    '/usr/bin/gdal_calc.py',
    '--quiet',
    '-A',
    SCENE,
    `--calc=A<${threshold}`,
    '--type=Byte',
    '--NoDataValue=255',
    `--outfile=${mask}`,
  ]);
  const b = timed('gdal_polygonize', '/usr/bin/python3', [
    '/usr/bin/gdal_polygonize.py',
    '-q',
    '-8',
    mask,
    '-mask',
    mask,
    '-f',
    'GeoJSON',
    join(out, 'water.geojson'),
  ]);
  return {
    seconds: a.seconds + b.seconds,
    peakMiB: Math.max(a.peakMiB, b.peakMiB),
    calc: a,
    polygonize: b,
  };
}

/** Counts GeoJSON features by streaming the file (GDAL's output can exceed a JS string). */
async function countFeatures(path) {
  const needle = '"type": "Feature"';
  let n = 0;
  let tail = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 22 })) {
    const text = tail + chunk;
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
    tail = text.slice(-(needle.length - 1));
  }
  return n;
}

const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];

await generate();
const results = { 'sahelsat-full': [], 'sahelsat-plain': [], gdal: [] };
let threshold;
let polygons = {};
for (let i = 0; i < RUNS; i++) {
  results['sahelsat-full'].push(sahelsat(join(DIR, 'out-full'), []));
  const report = JSON.parse(readFileSync(join(DIR, 'out-full', 'report.json'), 'utf8'));
  polygons['sahelsat-full'] = report.polygons.count;
  results['sahelsat-plain'].push(
    sahelsat(join(DIR, 'out-plain'), ['--speckle', '0', '--mmu', '0']),
  );
  const plain = JSON.parse(readFileSync(join(DIR, 'out-plain', 'report.json'), 'utf8'));
  polygons['sahelsat-plain'] = plain.polygons.count;
  threshold = plain.thresholds[0].decisionBoundary;
  results.gdal.push(gdal(threshold, join(DIR, 'out-gdal')));
  console.error(
    `run ${i + 1}/${RUNS}: ${Object.entries(results)
      .map(([k, v]) => `${k} ${v.at(-1).seconds.toFixed(1)} s ${v.at(-1).peakMiB.toFixed(0)} MiB`)
      .join(' · ')}`,
  );
}
polygons.gdal = await countFeatures(join(DIR, 'out-gdal', 'water.geojson'));
const summary = Object.fromEntries(
  Object.entries(results).map(([k, v]) => [
    k,
    {
      medianSeconds: median(v.map((r) => r.seconds)),
      medianPeakMiB: median(v.map((r) => r.peakMiB)),
      runs: v.map((r) => r.seconds),
      polygons: polygons[k],
    },
  ]),
);
const sceneMiB = statSync(SCENE).size / 2 ** 20;
console.log(
  JSON.stringify(
    {
      size: SIZE,
      runs: RUNS,
      sceneFileMiB: +sceneMiB.toFixed(1),
      thresholdDb: threshold,
      node: process.version,
      summary,
      ratios: {
        gdalOverFull: +(
          summary.gdal.medianSeconds / summary['sahelsat-full'].medianSeconds
        ).toFixed(2),
        gdalOverPlain: +(
          summary.gdal.medianSeconds / summary['sahelsat-plain'].medianSeconds
        ).toFixed(2),
      },
    },
    null,
    2,
  ),
);
