/**
 * Map layers imported by users: parsed and checked (layer-read.ts: in a worker thread for big
 * files), stored with a simplified copy for drawing when big, visible by releasability, changed
 * only by the owner nation's analysts, operators and admins; every change in the audit log and
 * on the live socket.
 */
import type { z } from 'zod';
import type { Lang } from '../../i18n/index.js';
import type { Repos, UserLayerChanges, UserLayerRecord } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { userLayerOut } from '../dto.js';
import { ApiError, changedMeanwhile, forbidden, notFound } from '../errors.js';
import { type Caller, requirePermission } from '../policy.js';
import type { NewUserLayerBody, UserLayerPatchBody } from '../schemas/user-layers.js';
import { audit, auditNation } from './audit.js';
import { readLayer } from './layer-read.js';

/** Colours given in turn when the import names none (readable on the dark map). */
export const LAYER_PALETTE = [
  '#22b8cf',
  '#fab005',
  '#e64980',
  '#82c91e',
  '#be4bdb',
  '#fd7e14',
  '#4dabf7',
  '#f8f9fa',
] as const;

export function userLayersService(deps: ServiceDeps) {
  const { store, clock, events } = deps;
  const publish = (type: string, l: UserLayerRecord, audience = l) =>
    events.publish({
      type,
      at: new Date(clock()).toISOString(),
      data: userLayerOut(l),
      audience: {
        kind: 'item',
        ownerNation: audience.ownerNation,
        releasability: audience.releasability,
      },
    });
  const visible = async (caller: Caller, id: string): Promise<UserLayerRecord> => {
    const l = await store.userLayers.get(id, caller);
    if (!l) throw notFound('layer');
    return l;
  };
  /** A layer the caller may change: visible, the right role, and of the caller's nation. */
  const own = async (caller: Caller, id: string): Promise<UserLayerRecord> => {
    const l = await visible(caller, id);
    requirePermission(caller, 'import layers');
    if (l.ownerNation !== caller.nation)
      throw forbidden(caller.role, `change layers of ${l.ownerNation}`);
    return l;
  };

  return {
    list: (caller: Caller) => store.userLayers.list(caller),
    get: visible,
    /** The features as GeoJSON text (`original` as imported, or the `display` copy). */
    async features(caller: Caller, id: string, which: 'original' | 'display'): Promise<string> {
      const text = await store.userLayers.features(id, caller, which);
      if (text === null) throw notFound('layer');
      return text;
    },

    async import(
      caller: Caller,
      b: z.infer<typeof NewUserLayerBody>,
      lang: Lang,
    ): Promise<UserLayerRecord> {
      requirePermission(caller, 'import layers');
      const read = await readLayer({
        text: b.text,
        ...(b.format ? { format: b.format } : {}),
        lang,
      });
      if (!read.ok) {
        throw new ApiError(
          400,
          'invalid-layer',
          'error.validation',
          { count: read.issues.length },
          read.issues.map((i) => ({
            path: i.path === '(root)' ? 'body.text' : `body.text.${i.path}`,
            message: i.message,
            ...(i.line !== undefined ? { line: i.line } : {}),
          })),
        );
      }
      const now = clock();
      const colour =
        b.colour ??
        LAYER_PALETTE[(await store.userLayers.list(caller)).length % LAYER_PALETTE.length]!;
      const layer = {
        id: deps.newId(),
        name: b.name,
        colour: colour.toLowerCase(),
        sourceFormat: read.format,
        sourceName: b.fileName ?? null,
        featureCount: read.featureCount,
        positionCount: read.positionCount,
        geometryTypes: read.geometryTypes,
        bbox: read.bbox,
        displayPositionCount: read.displayPositionCount,
        ownerNation: caller.nation,
        releasability: b.releasability,
        createdBy: caller.id,
        createdAtMs: now,
        updatedAtMs: now,
        version: 1,
        features: read.features,
        displayFeatures: read.displayFeatures,
      };
      const stored = await store.transaction(async (tx: Repos) => {
        const r = await tx.userLayers.insert(layer);
        await audit(
          tx,
          now,
          caller,
          'layer.import',
          { type: 'layer', id: r.id, nation: auditNation(r) },
          {
            name: r.name,
            format: r.sourceFormat,
            fileName: r.sourceName,
            features: r.featureCount,
            positions: r.positionCount,
            displayPositions: r.displayPositionCount,
            releasability: r.releasability,
          },
        );
        return r;
      });
      publish('layer.created', stored);
      return stored;
    },

    async update(
      caller: Caller,
      id: string,
      b: z.infer<typeof UserLayerPatchBody>,
    ): Promise<UserLayerRecord> {
      const l = await own(caller, id);
      const c: { -readonly [K in keyof UserLayerChanges]: UserLayerChanges[K] } = {};
      if (b.name !== undefined) c.name = b.name;
      if (b.colour !== undefined) c.colour = b.colour.toLowerCase();
      if (b.releasability !== undefined) c.releasability = b.releasability;
      const now = clock();
      const after = await store.transaction(async (tx) => {
        const u = await tx.userLayers.update(id, l.version, c, now);
        if (!u) return null;
        // Shown to the owner nation only if either side was nation-released.
        const nation =
          l.releasability === 'nation' || u.releasability === 'nation' ? l.ownerNation : null;
        const changes: Record<string, unknown> = {};
        for (const k of Object.keys(c) as (keyof UserLayerChanges)[])
          changes[k] = { from: l[k], to: u[k] };
        await audit(tx, now, caller, 'layer.update', { type: 'layer', id, nation }, changes);
        return u;
      });
      if (!after) throw changedMeanwhile('layer');
      publish('layer.updated', after);
      // The other nations lose an alliance layer made national: tell them it is gone.
      if (l.releasability === 'alliance' && after.releasability === 'nation')
        events.publish({
          type: 'layer.deleted',
          at: new Date(now).toISOString(),
          data: { id },
          audience: { kind: 'all' },
        });
      return after;
    },

    async remove(caller: Caller, id: string): Promise<void> {
      const l = await own(caller, id);
      const now = clock();
      await store.transaction(async (tx) => {
        if (!(await tx.userLayers.delete(id))) return;
        await audit(
          tx,
          now,
          caller,
          'layer.delete',
          { type: 'layer', id, nation: auditNation(l) },
          { name: l.name, features: l.featureCount, format: l.sourceFormat },
        );
      });
      publish('layer.deleted', l);
    },
  };
}
