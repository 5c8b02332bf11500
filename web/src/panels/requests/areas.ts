/** Bundled areas one may pick instead of drawing: AOIs and the map layers' regions, strips, towns. */
import type { FeatureCollection, Geometry } from 'geojson';
import type { AppContext } from '../../app/context.js';
import { itemsOf, type Aoi } from '../../panel-kit/dto.js';

export interface PickableArea {
  value: string;
  group: 'aois' | 'regions' | 'border-strips' | 'towns';
  name: string;
  geometry: Geometry;
}

const LAYERS = ['regions', 'border-strips', 'towns'] as const;

/** Loads every pickable area; a group that fails to load is skipped and its error returned. */
export async function loadAreas(
  ctx: AppContext,
): Promise<{ areas: PickableArea[]; errors: unknown[] }> {
  const fr = ctx.lang.value === 'fr';
  const errors: unknown[] = [];
  const areas: PickableArea[] = [];
  const aois = await ctx.api.get<Aoi[]>('/aois').catch((e: unknown) => {
    errors.push(e);
    return [] as Aoi[];
  });
  itemsOf(aois).forEach((a) =>
    areas.push({ value: `aois:${a.id}`, group: 'aois', name: a.name, geometry: a.geometry }),
  );
  const layers = await Promise.all(
    LAYERS.map((id) =>
      ctx.api.get<FeatureCollection>(`/layers/${id}`).catch((e: unknown) => {
        errors.push(e);
        return null;
      }),
    ),
  );
  layers.forEach((fc, i) => {
    const group = LAYERS[i]!;
    const items = (fc?.features ?? [])
      .filter((f) => f.geometry)
      .map((f, j) => {
        const p = f.properties ?? {};
        const name = String((fr ? p.name_fr : undefined) ?? p.name ?? p.id ?? j);
        return { value: `${group}:${String(p.id ?? j)}`, group, name, geometry: f.geometry };
      })
      .sort((a, b) => a.name.localeCompare(b.name, fr ? 'fr' : 'en'));
    areas.push(...items);
  });
  return { areas, errors: errors.slice(0, 1) };
}
