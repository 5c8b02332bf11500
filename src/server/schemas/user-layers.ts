/** Map layers imported by users (GeoJSON or KML). */
import { z } from 'zod';
import { IsoInstant, Nation, Releasability } from './common.js';

export const LAYER_FORMATS = ['geojson', 'kml'] as const;

export const Colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb')
  .describe('drawing colour, #rrggbb');

export const UserLayerOut = z
  .object({
    id: z.string(),
    name: z.string(),
    colour: Colour,
    sourceFormat: z.enum(LAYER_FORMATS),
    sourceName: z.string().nullable().describe('name of the imported file, when given'),
    featureCount: z.number().int(),
    positionCount: z.number().int(),
    geometryTypes: z.array(z.string()),
    bbox: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .nullable()
      .describe('[minLon, minLat, maxLon, maxLat]'),
    simplified: z
      .boolean()
      .describe('whether the copy for drawing (`?for=display`) is simplified from the original'),
    displayPositionCount: z.number().int(),
    ownerNation: Nation,
    releasability: Releasability,
    createdBy: z.string(),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
    version: z.number().int(),
  })
  .meta({ id: 'UserLayer' });

export const NewUserLayerBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  releasability: Releasability,
  colour: Colour.optional().describe('drawing colour, #rrggbb (default: one of a palette)'),
  format: z
    .enum(LAYER_FORMATS)
    .optional()
    .describe('format of `text` (default: guessed from its first character: `{` or `<`)'),
  fileName: z.string().trim().min(1).max(255).optional().describe('name of the imported file'),
  text: z
    .string()
    .min(1)
    .describe(
      'the file: GeoJSON (FeatureCollection, Feature or geometry; Point, LineString, Polygon, Multi*, GeometryCollection; WGS 84 longitude/latitude) or KML 2.2',
    ),
});

export const UserLayerPatchBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    colour: Colour.optional(),
    releasability: Releasability.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const UserLayerFeaturesQuery = z.strictObject({
  for: z
    .enum(['original', 'display'])
    .default('original')
    .describe(
      '`original`: the features as imported; `display`: a simplified copy for drawing when the layer is big (else the original)',
    ),
});
