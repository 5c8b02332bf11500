/**
 * `sahelsat layers import FILE --name N` and `sahelsat layers list`: imported map layers in the
 * local store (the data directory's SQLite, or DATABASE_URL), for scripted or bulk loading
 * without a running server. The import goes through the same checks, permissions and audit log
 * as `POST /api/v1/imported-layers`, acting as an existing user (`--as`, default admin).
 */
import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { SahelsatError, ValidationError } from '../../core/errors.js';
import { defineMessages } from '../../i18n/index.js';
import { ApiError } from '../../server/errors.js';
import { createEventBus } from '../../server/events.js';
import { serverMessages } from '../../server/messages.js';
import type { Caller } from '../../server/policy.js';
import { userLayersService } from '../../server/services/user-layers.js';
import { type Store, type StoreConfig, openStore, sqliteFileIn } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { readTextFile } from '../shared.js';

const m = defineMessages({
  en: {
    description: 'map layers imported by users (GeoJSON, KML) in the local store',
    import: 'import a GeoJSON or KML file as a map layer',
    list: 'list the imported layers the user may see',
    file: 'the GeoJSON (.geojson, .json) or KML (.kml) file',
    name: 'name of the layer (default: the file name)',
    releasability: 'nation (default) or alliance',
    colour: 'drawing colour, #rrggbb (default: the next colour of a palette)',
    as: 'act as this user (default: admin); the layer belongs to their nation',
    dataDir: 'data directory of the embedded SQLite database (default: SAHELSAT_DATA_DIR or ./var)',
    noUser: 'no such user',
    disabled: 'this account is disabled',
    badReleasability: 'releasability is nation or alliance',
    problems: 'the file has {count} problem(s)',
    imported:
      'imported layer {id} “{name}”: {features} feature(s), {positions} position(s) ({types}), owned by {nation}, released to the {rel}',
    simplified: 'drawn from a simplified copy of {positions} position(s)',
    none: 'no imported layer',
  },
  fr: {
    description:
      'couches cartographiques importées par les utilisateurs (GeoJSON, KML) dans le stockage local',
    import: 'importer un fichier GeoJSON ou KML comme couche cartographique',
    list: 'lister les couches importées visibles par l’utilisateur',
    file: 'le fichier GeoJSON (.geojson, .json) ou KML (.kml)',
    name: 'nom de la couche (par défaut : le nom du fichier)',
    releasability: 'nation (par défaut) ou alliance',
    colour: 'couleur de dessin, #rrggbb (par défaut : la couleur suivante d’une palette)',
    as: 'agir en tant que cet utilisateur (par défaut : admin) ; la couche appartient à sa nation',
    dataDir:
      'répertoire de données de la base SQLite intégrée (par défaut : SAHELSAT_DATA_DIR ou ./var)',
    noUser: 'utilisateur inconnu',
    disabled: 'ce compte est désactivé',
    badReleasability: 'la diffusion est nation ou alliance',
    problems: 'le fichier a {count} problème(s)',
    imported:
      'couche {id} « {name} » importée : {features} entité(s), {positions} position(s) ({types}), appartenant à {nation}, diffusée à : {rel}',
    simplified: 'dessinée à partir d’une copie simplifiée de {positions} position(s)',
    none: 'aucune couche importée',
  },
});

interface CommonFlags {
  as?: string;
  dataDir?: string;
}
interface ImportFlags extends CommonFlags {
  name?: string;
  releasability?: string;
  colour?: string;
}

function storeConfig(ctx: CliContext, flags: CommonFlags): StoreConfig {
  const url = ctx.env.DATABASE_URL || undefined;
  if (url) return { kind: 'postgres', url };
  const dataDir = resolve(ctx.cwd, flags.dataDir ?? ctx.env.SAHELSAT_DATA_DIR ?? 'var');
  return { kind: 'sqlite', file: sqliteFileIn(dataDir) };
}

/** Opens the store, finds the acting user, runs `fn`, closes the store. */
async function withCaller<T>(
  ctx: CliContext,
  flags: CommonFlags,
  fn: (store: Store, caller: Caller) => Promise<T>,
): Promise<T> {
  const store = await openStore(storeConfig(ctx, flags));
  try {
    const username = flags.as ?? 'admin';
    const found = await store.users.getByUsername(username);
    if (!found)
      throw new ValidationError(m(ctx.lang, 'noUser'), {
        location: { field: '--as' },
        received: username,
      });
    if (found.user.disabled)
      throw new ValidationError(m(ctx.lang, 'disabled'), { location: { field: '--as' } });
    const u = found.user;
    return await fn(store, {
      id: u.id,
      username: u.username,
      role: u.role,
      nation: u.nation,
      sessionId: 'cli',
    });
  } catch (err) {
    // The service's errors, in the user's language.
    if (err instanceof ApiError && !err.issues)
      throw new SahelsatError(err.code, serverMessages(ctx.lang, err.key, err.vars));
    throw err;
  } finally {
    await store.close();
  }
}

export function registerLayers(program: Command, ctx: CliContext): void {
  const layers = program.command('layers').description(m(ctx.lang, 'description'));
  layers
    .command('import')
    .description(m(ctx.lang, 'import'))
    .argument('<file>', m(ctx.lang, 'file'))
    .option('--name <name>', m(ctx.lang, 'name'))
    .option('--releasability <r>', m(ctx.lang, 'releasability'))
    .option('--colour <#rrggbb>', m(ctx.lang, 'colour'))
    .option('--as <username>', m(ctx.lang, 'as'))
    .option('--data-dir <dir>', m(ctx.lang, 'dataDir'))
    .action(async (file: string, flags: ImportFlags) => importLayer(ctx, file, flags));
  layers
    .command('list')
    .description(m(ctx.lang, 'list'))
    .option('--as <username>', m(ctx.lang, 'as'))
    .option('--data-dir <dir>', m(ctx.lang, 'dataDir'))
    .action(async (flags: CommonFlags) => listLayers(ctx, flags));
}

async function importLayer(ctx: CliContext, file: string, flags: ImportFlags): Promise<void> {
  const text = readTextFile(ctx, file, '<file>');
  const releasability = flags.releasability ?? 'nation';
  if (releasability !== 'nation' && releasability !== 'alliance')
    throw new ValidationError(m(ctx.lang, 'badReleasability'), {
      location: { field: '--releasability' },
      received: releasability,
    });
  if (flags.colour !== undefined && !/^#[0-9a-fA-F]{6}$/.test(flags.colour))
    throw new ValidationError('#rrggbb', {
      location: { field: '--colour' },
      received: flags.colour,
    });
  const lower = file.toLowerCase();
  const format = lower.endsWith('.kml')
    ? ('kml' as const)
    : lower.endsWith('.geojson') || lower.endsWith('.json')
      ? ('geojson' as const)
      : undefined;
  const name = (flags.name ?? basename(file).replace(/\.(geo)?json$|\.kml$/i, '')).trim();
  await withCaller(ctx, flags, async (store, caller) => {
    const service = userLayersService({
      store,
      clock: Date.now,
      events: createEventBus(),
      newId: randomUUID,
    });
    let l;
    try {
      l = await service.import(
        caller,
        {
          name: name || basename(file),
          releasability,
          ...(flags.colour ? { colour: flags.colour } : {}),
          ...(format ? { format } : {}),
          fileName: basename(file),
          text,
        },
        ctx.lang,
      );
    } catch (err) {
      if (!(err instanceof ApiError) || !err.issues) throw err;
      // Every problem on its own line, `file:line: path: message`, then exit code 2.
      for (const i of err.issues) {
        const path = i.path.replace(/^body\.text\.?/, '') || '(root)';
        ctx.stderr.write(
          `${file}${i.line !== undefined ? `:${i.line}` : ''}: ${path}: ${i.message}\n`,
        );
      }
      throw new ValidationError(m(ctx.lang, 'problems', { count: err.issues.length }), {
        location: { file },
      });
    }
    ctx.stdout.write(
      `${m(ctx.lang, 'imported', {
        id: l.id,
        name: l.name,
        features: l.featureCount,
        positions: l.positionCount,
        types: l.geometryTypes.join(', '),
        nation: l.ownerNation,
        rel: l.releasability,
      })}\n`,
    );
    if (l.displayPositionCount !== l.positionCount)
      ctx.stdout.write(`${m(ctx.lang, 'simplified', { positions: l.displayPositionCount })}\n`);
  });
}

async function listLayers(ctx: CliContext, flags: CommonFlags): Promise<void> {
  await withCaller(ctx, flags, async (store, caller) => {
    const list = await store.userLayers.list(caller);
    if (list.length === 0) ctx.stdout.write(`${m(ctx.lang, 'none')}\n`);
    for (const l of list)
      ctx.stdout.write(
        `${l.id}\t${l.name}\t${l.ownerNation}\t${l.releasability}\t${l.featureCount}\t${l.geometryTypes.join(',')}\t${l.colour}\n`,
      );
  });
}
