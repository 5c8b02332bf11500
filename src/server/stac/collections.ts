/** The catalogue's collections: what the server publishes (ids fixed by the API contract). */
import type { StacCollectionRecord } from '../../store/index.js';

export const FLOOD_COLLECTION = 'sahelsat-flood';
export const CHANGE_COLLECTION = 'sahelsat-change';
export const SCENES_COLLECTION = 'sahelsat-scenes';

/** The collection of a product type. */
export const productCollection = (type: 'flood' | 'change'): string =>
  type === 'flood' ? FLOOD_COLLECTION : CHANGE_COLLECTION;

const PROVIDER = {
  name: 'Sahelsat joint centre (Mali, Burkina Faso, Niger)',
  roles: ['processor', 'host'],
};

/** The three collections, as stored at startup (created, or their texts updated). */
export function defaultCollections(nowMs: number): StacCollectionRecord[] {
  const base = (
    id: string,
    title: string,
    description: string,
    extra: Record<string, unknown>,
  ) => ({
    id,
    title,
    description,
    document: { license: 'other', providers: [PROVIDER], ...extra },
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  });
  return [
    base(
      FLOOD_COLLECTION,
      'Flood extent',
      'Flood and water extent products: water polygons from Sentinel-1 radar (split-based Otsu), optionally fused with Sentinel-2 optical indices and compared with a pre-event scene, with per-region statistics.',
      { keywords: ['flood', 'water', 'sentinel-1', 'sahel'] },
    ),
    base(
      CHANGE_COLLECTION,
      'Change',
      'Change products between two scenes of the same area (radar log-ratio, optical index difference), vectorised, with per-region statistics.',
      { keywords: ['change detection', 'sahel'] },
    ),
    base(
      SCENES_COLLECTION,
      'Source scenes',
      'Scenes that products were made from (footprint and acquisition time).',
      { keywords: ['sentinel-1', 'sentinel-2', 'scenes'] },
    ),
  ];
}
