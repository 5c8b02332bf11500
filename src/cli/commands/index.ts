/**
 * The list of CLI commands. Each entry registers one top-level command on the program; add a
 * new command by writing `commands/<name>.ts` and appending its register function here.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerCatalog } from './catalog.js';
import { registerDemo } from './demo.js';
import { registerElset } from './elset.js';
import { registerEphemeris } from './ephemeris.js';
import { registerGeo } from './geo.js';
import { registerItur } from './itur.js';
import { registerLink } from './link.js';
import { registerPasses } from './passes.js';
import { registerServe } from './serve.js';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  registerDemo,
  registerPasses,
  registerEphemeris,
  registerCatalog,
  registerElset,
  registerGeo,
  registerLink,
  registerItur,
  registerServe,
];
