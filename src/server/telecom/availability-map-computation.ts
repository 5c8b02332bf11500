/**
 * The availability-map job's computation (worker thread): the link of the configuration with its
 * terminal moved to every site of the grid (src/telecom/link-map.ts), row by row, north to south.
 * Resumable: the checkpoint holds the rows done. A model's refusal at a site (a map that does not
 * cover it) fails the job at once with the site in the message (retrying would not help).
 */
import { SahelsatError, ValidationError } from '../../core/errors.js';
import { openMapDirectory, readOxygenHeightTable } from '../../io/itur-maps.js';
import { maskTest } from '../../io/availability-map.js';
import { type LinkConfig, toGeoLinkInput } from '../../io/link-config.js';
import { type MapTerminal, atSite, prepareLinkMap } from '../../telecom/link-map.js';
import type { ClimateSources } from '../../telecom/itur/slant-path.js';
import { type Computation, STOPPED } from '../jobs/computation.js';

/** A regular grid of sites: node (i, j) at (latMaxDeg − i·step, lonMinDeg + j·step). */
export interface MapGrid {
  readonly rows: number;
  readonly cols: number;
  readonly latMaxDeg: number;
  readonly lonMinDeg: number;
  readonly stepDeg: number;
}

export interface AvailabilityMapInput {
  readonly link: LinkConfig['links'][number];
  readonly terminal: MapTerminal;
  readonly grid: MapGrid;
  /** Polygons (rings of [lon, lat]) the sites must fall in; null: every node. */
  readonly mask: number[][][][] | null;
  readonly mapsDir: string;
}

/** No site at this node (outside the mask). */
export const NO_SITE = 65535;
/** A site that does not see the satellite above 5°. */
export const NOT_VISIBLE = 65534;
/** Margin code of a node without a margin. */
export const NO_MARGIN = -32768;

/**
 * Per node, row-major: the unavailability 100 − A in thousandths of a per cent (10 … 50 000, or
 * NO_SITE / NOT_VISIBLE) and the margin at the required availability in hundredths of a dB
 * (clamped to ±327 dB; NO_MARGIN where there is none). Plain arrays: they cross thread
 * boundaries and JSON checkpoints.
 */
export interface AvailabilityMapOutput {
  readonly unavailabilityMilliPercent: number[];
  readonly marginCentiDb: number[];
}

export const availabilityMapComputation: Computation<
  AvailabilityMapInput,
  AvailabilityMapOutput
> = (input, ctx) => {
  const table = readOxygenHeightTable(input.mapsDir);
  const sources: ClimateSources = {
    maps: openMapDirectory(input.mapsDir),
    ...(table ? { oxygenHeight: table } : {}),
  };
  const { rows, cols, latMaxDeg, lonMinDeg, stepDeg } = input.grid;
  const include = input.mask ? maskTest(input.mask) : () => true;
  const cp = ctx.checkpoint as (AvailabilityMapOutput & { nextRow: number }) | null;
  const out: AvailabilityMapOutput = cp
    ? { unavailabilityMilliPercent: cp.unavailabilityMilliPercent, marginCentiDb: cp.marginCentiDb }
    : {
        unavailabilityMilliPercent: new Array<number>(rows * cols).fill(NO_SITE),
        marginCentiDb: new Array<number>(rows * cols).fill(NO_MARGIN),
      };
  let site: ReturnType<typeof prepareLinkMap>;
  try {
    site = prepareLinkMap(toGeoLinkInput(input.link), input.terminal, sources);
  } catch (err) {
    if (err instanceof SahelsatError) throw new ValidationError(err.message);
    throw err;
  }
  let last = performance.now();
  for (let i = cp?.nextRow ?? 0; i < rows; i++) {
    if (ctx.shouldStop()) {
      ctx.saveCheckpoint({ ...out, nextRow: i });
      return STOPPED;
    }
    const lat = latMaxDeg - i * stepDeg;
    for (let j = 0; j < cols; j++) {
      const lon = lonMinDeg + j * stepDeg;
      if (!include(lat, lon)) continue;
      const k = i * cols + j;
      let r;
      try {
        r = site(lat, lon);
      } catch (err) {
        const e = atSite(err, lat, lon);
        if (e instanceof SahelsatError) throw new ValidationError(e.message);
        throw e;
      }
      if (!r.visible) {
        out.unavailabilityMilliPercent[k] = NOT_VISIBLE;
        continue;
      }
      out.unavailabilityMilliPercent[k] = Math.round((100 - r.availabilityPercent) * 1000);
      out.marginCentiDb[k] = Math.max(-32767, Math.min(32767, Math.round(r.marginDb * 100)));
    }
    ctx.progress((i + 1) / rows, `${i + 1}/${rows} rows`);
    if (performance.now() - last > 2000) {
      last = performance.now();
      ctx.saveCheckpoint({ ...out, nextRow: i + 1 });
    }
  }
  return out;
};
