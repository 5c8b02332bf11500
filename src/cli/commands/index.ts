/**
 * The list of CLI commands. Each entry registers one top-level command on the program; add a
 * new command by writing `commands/<name>.ts` and appending its register function here.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerSpot5 } from './spot5.js';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const COMMANDS: readonly RegisterCommand[] = [registerSpot5];
