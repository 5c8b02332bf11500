/**
 * Building blocks of the HTTP schemas. The same zod schemas validate requests, shape responses
 * and generate the OpenAPI document (`/api/openapi.json`); the dashboard imports them too.
 */
import { z } from 'zod';
import {
  NATIONS,
  RELEASABILITIES,
  REQUEST_STATUSES,
  ROLES,
  SENSOR_TYPES,
} from '../../store/records.js';

export const Nation = z.enum(NATIONS).describe('ML, BF, NE, or AES (the joint centre)');
export const Role = z.enum(ROLES);
export const Releasability = z
  .enum(RELEASABILITIES)
  .describe(
    'nation: only the owner nation sees it; alliance: all three nations and the joint centre',
  );
export const SensorType = z.enum(SENSOR_TYPES);
export const RequestStatus = z.enum(REQUEST_STATUSES);

/** An ISO 8601 instant in UTC (`Z`) or with an explicit offset. */
export const IsoInstant = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 date-time, UTC (e.g. 2026-03-20T06:00:00Z)');

export const Id = z.string().min(1).max(100);
export const IdParams = z.strictObject({ id: Id });

export const Longitude = z.number().min(-180).max(180);
export const Latitude = z.number().min(-90).max(90);
const Position = z.tuple([Longitude, Latitude]).rest(z.number());

const LinearRing = z
  .array(Position)
  .min(4)
  .refine(
    (ring) => {
      const a = ring[0]!;
      const b = ring[ring.length - 1]!;
      return a[0] === b[0] && a[1] === b[1];
    },
    { message: 'a linear ring must be closed: its last position must equal its first' },
  );

/** GeoJSON geometry of an area of interest: Point, Polygon or MultiPolygon (RFC 7946, lon/lat). */
export const AoiGeometry = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('Point'), coordinates: Position }),
    z.strictObject({
      type: z.literal('Polygon'),
      coordinates: z.array(LinearRing).min(1).max(100),
    }),
    z.strictObject({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(z.array(LinearRing).min(1).max(100)).min(1).max(100),
    }),
  ])
  .describe('GeoJSON geometry (RFC 7946): Point, Polygon or MultiPolygon, longitude first')
  .meta({ id: 'AoiGeometry' });

export const Page = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z
        .array(
          z.object({
            path: z.string(),
            message: z.string(),
            line: z.number().int().optional().describe('line in an uploaded file'),
          }),
        )
        .optional(),
    }),
  })
  .meta({ id: 'Error' });

/** The error responses every authenticated route may give, for the OpenAPI document. */
export const COMMON_ERRORS = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
} as const;

export const Ok = z.object({ ok: z.literal(true) });
