/** Resolves the ITU-R map directory of a command: `--maps DIR`, else SAHELSAT_ITUR_MAPS, else none. */
import { resolve } from 'node:path';
import { openMapDirectory, readOxygenHeightTable } from '../../io/itur-maps.js';
import type { ClimateSources } from '../../telecom/itur/slant-path.js';
import type { CliContext } from '../context.js';

export function climateSources(ctx: CliContext, mapsOption: string | undefined): ClimateSources {
  const dir = mapsOption ?? ctx.env.SAHELSAT_ITUR_MAPS;
  if (!dir) return {};
  const abs = resolve(ctx.cwd, dir);
  const table = readOxygenHeightTable(abs);
  return { maps: openMapDirectory(abs), ...(table ? { oxygenHeight: table } : {}) };
}
