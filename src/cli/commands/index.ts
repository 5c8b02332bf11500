/**
 * The list of CLI commands. Each entry registers one top-level command on the program; add a
 * new command by writing `commands/<name>.ts` and appending its register function here.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerAccess } from './access.js';
import { registerChange } from './change.js';
import { registerCoverage } from './coverage.js';
import { registerCatalog } from './catalog.js';
import { registerDemo } from './demo.js';
import { registerElset } from './elset.js';
import { registerEphemeris } from './ephemeris.js';
import { registerFlood } from './flood.js';
import { registerGeo } from './geo.js';
import { registerItur } from './itur.js';
import { registerLayers } from './layers.js';
import { registerLink } from './link.js';
import { registerPasses } from './passes.js';
import { registerPlan } from './plan.js';
import { registerTrack } from './track.js';
import { registerServe } from './serve.js';
import { registerSpot5 } from './spot5.js';
import { registerZonal } from './zonal.js';
import { registerAeossp } from './aeossp.js';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  registerDemo,
  registerPasses,
  registerEphemeris,
  registerTrack,
  registerCatalog,
  registerElset,
  registerGeo,
  registerLink,
  registerItur,
  registerAccess,
  registerCoverage,
  registerFlood,
  registerChange,
  registerSpot5,
  registerZonal,
  registerAeossp,
  registerPlan,
  registerLayers,
  registerServe,
];
