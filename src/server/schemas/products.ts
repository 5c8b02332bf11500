/** HTTP schemas of imagery products (POST /products, lists, detail). */
import { z } from 'zod';
import { PRODUCT_TYPES } from '../../store/products.js';
import { Id, IsoInstant, Latitude, Longitude, Nation, Releasability } from './common.js';

export const ProductType = z.enum(PRODUCT_TYPES);

const Position = z.tuple([Longitude, Latitude]).rest(z.number());
const Ring = z
  .array(Position)
  .min(4)
  .refine(
    (r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1],
    'a linear ring must be closed: its last position must equal its first',
  );
const PolygonCoords = z.array(Ring).min(1);

export const ProductGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: PolygonCoords }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoords).min(1) }),
]);

export const ProductFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z
      .array(
        z.object({
          type: z.literal('Feature'),
          id: z.union([z.string(), z.number()]).optional(),
          properties: z.record(z.string(), z.unknown()).nullable(),
          geometry: ProductGeometry,
        }),
      )
      .min(1)
      .max(200_000),
  })
  .describe('GeoJSON FeatureCollection of WGS-84 polygons (RFC 7946)')
  .meta({ id: 'ProductGeometry' });

/** A scene id (also its STAC item id in sahelsat-scenes). */
export const SceneId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,200}$/, 'letters, digits, ".", "_", "-" (at most 200)');

export const NewProductBody = z.strictObject({
  type: ProductType,
  title: z.string().trim().min(1).max(200),
  acquiredAt: IsoInstant.describe('acquisition instant of the (post-event) scene'),
  releasability: Releasability,
  aoiId: Id.optional(),
  geometry: ProductFeatureCollection,
  sourceScenes: z.array(SceneId).max(50).optional(),
  method: z.record(z.string(), z.unknown()).optional(),
});

export const ProductListQuery = z.strictObject({
  type: ProductType.optional(),
  since: IsoInstant.optional().describe('products published at or after this instant'),
  bbox: z
    .string()
    .regex(/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/, 'minLon,minLat,maxLon,maxLat')
    .optional()
    .describe('products whose bounding box intersects minLon,minLat,maxLon,maxLat'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ZonalStatsOut = z
  .object({
    totalAreaKm2: z.number(),
    regions: z.array(
      z.object({
        regionId: z.string(),
        name: z.string(),
        nation: z.string(),
        areaKm2: z.number(),
        regionAreaKm2: z.number(),
        share: z.number(),
        previousAreaKm2: z.number().nullable(),
      }),
    ),
    aois: z.array(
      z.object({ aoiId: z.string(), name: z.string(), areaKm2: z.number(), share: z.number() }),
    ),
    towns: z.array(
      z.object({
        name: z.string(),
        nation: z.string(),
        population: z.number(),
        latitudeDeg: z.number(),
        longitudeDeg: z.number(),
        distanceKm: z.number(),
        inside: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ZonalStats' });

export const ProductOut = z
  .object({
    id: z.string(),
    type: ProductType,
    title: z.string(),
    createdAt: IsoInstant,
    createdBy: z.string(),
    acquiredAt: IsoInstant,
    ownerNation: Nation,
    releasability: Releasability,
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    areaKm2: z.number(),
    stacItemId: z.string(),
    stats: ZonalStatsOut,
    aoiId: z.string().nullable(),
    sourceScenes: z.array(z.string()),
    jobId: z.string().nullable(),
    previousId: z.string().nullable().describe('the product the statistics are compared with'),
  })
  .meta({ id: 'Product' });

export const ProductListOut = z.object({ items: z.array(ProductOut), total: z.number().int() });
