/** HTTP schemas of alert rules, alerts, feeds and webhooks (API-CONTRACTS.md §4). */
import { z } from 'zod';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from '../../alerts/alert.js';
import { PRODUCT_KINDS, REQUEST_OUTCOMES, RULE_KINDS } from '../../alerts/rules.js';
import { DELIVERY_STATUSES, WEBHOOK_FORMATS } from '../../store/alerts.js';
import { AoiGeometry, Id, IsoInstant, Nation, Page, Releasability } from './common.js';

const Text = z.string().trim().min(1).max(4000);
export const Bilingual = z
  .strictObject({ en: Text, fr: Text })
  .describe('the same text in English and French')
  .meta({ id: 'Bilingual' });
/** A text given once (used for both languages) or in both. */
const TextOrBilingual = z.union([Text, Bilingual]);

const Name = z.string().trim().min(1).max(200);
const ProductKind = z.enum(PRODUCT_KINDS);
const common = {
  name: Name,
  releasability: Releasability.default('nation'),
  enabled: z.boolean().default(true),
};

export const AlertRuleBody = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('flood-area'),
      ...common,
      regionId: Id.optional().describe('a region of data/aoi/regions.geojson, e.g. ML-5'),
      aoiId: Id.optional(),
      thresholdKm2: z.number().min(0).max(1e7),
      rising: z.boolean().default(false),
      productType: ProductKind.optional(),
    }),
    z.strictObject({
      kind: z.literal('new-product'),
      ...common,
      aoiId: Id,
      productType: ProductKind.optional(),
    }),
    z.strictObject({
      kind: z.literal('request-outcome'),
      ...common,
      outcome: z.enum(REQUEST_OUTCOMES),
    }),
  ])
  .describe('exactly one of regionId and aoiId for flood-area');

export const AlertRulePatchBody = z
  .strictObject({
    name: Name,
    releasability: Releasability,
    enabled: z.boolean(),
    regionId: Id,
    aoiId: Id,
    thresholdKm2: z.number().min(0).max(1e7),
    rising: z.boolean(),
    productType: ProductKind.nullable(),
    outcome: z.enum(REQUEST_OUTCOMES),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const AlertRuleOut = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(RULE_KINDS),
    regionId: z.string().nullable(),
    aoiId: z.string().nullable(),
    thresholdKm2: z.number().nullable(),
    rising: z.boolean().nullable(),
    productType: ProductKind.nullable(),
    outcome: z.enum(REQUEST_OUTCOMES).nullable(),
    enabled: z.boolean(),
    ownerNation: Nation,
    releasability: Releasability,
    createdBy: z.string(),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
    version: z.number().int(),
  })
  .meta({ id: 'AlertRule' });

export const AlertRuleListOut = z.object({ items: z.array(AlertRuleOut), total: z.number() });

const AlertPolygonGeometry = AoiGeometry.refine((g) => g.type !== 'Point', {
  message: 'an alert area is a Polygon or MultiPolygon',
});

export const ManualAlertBody = z.strictObject({
  event: TextOrBilingual,
  headline: Bilingual,
  description: Bilingual,
  severity: z.enum(CAP_SEVERITIES),
  urgency: z.enum(CAP_URGENCIES),
  certainty: z.enum(CAP_CERTAINTIES),
  category: z.enum(CAP_CATEGORIES).default('Other'),
  status: z.enum(CAP_STATUSES).default('Actual'),
  msgType: z.enum(CAP_MSG_TYPES).default('Alert'),
  references: z
    .array(Id)
    .max(50)
    .default([])
    .describe('ids of earlier alerts this one updates or cancels (required for Update, Cancel)'),
  area: z.strictObject({
    description: TextOrBilingual,
    geometry: AlertPolygonGeometry.optional(),
  }),
  releasability: Releasability,
});

const Geometry = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(z.array(z.number())))),
  }),
]);

export const AlertOut = z
  .object({
    id: z.string(),
    sentAt: IsoInstant,
    identifier: z.string(),
    status: z.enum(CAP_STATUSES),
    msgType: z.enum(CAP_MSG_TYPES),
    category: z.enum(CAP_CATEGORIES),
    severity: z.enum(CAP_SEVERITIES),
    urgency: z.enum(CAP_URGENCIES),
    certainty: z.enum(CAP_CERTAINTIES),
    event: Bilingual,
    headline: Bilingual,
    description: Bilingual,
    area: z.object({
      description: Bilingual,
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
      geometry: Geometry.nullable(),
    }),
    references: z.array(z.string()),
    ruleId: z.string().nullable(),
    productId: z.string().nullable(),
    requestId: z.string().nullable(),
    ownerNation: Nation,
    releasability: Releasability,
  })
  .meta({ id: 'Alert' });

export const AlertListQuery = Page.extend({ since: IsoInstant.optional() });
export const AlertListOut = z.object({ items: z.array(AlertOut), total: z.number() });
export const FeedQuery = z.strictObject({
  since: IsoInstant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const WebhookBody = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .describe('http(s) URL receiving POSTs'),
  secret: z
    .string()
    .min(16)
    .max(256)
    .describe('HMAC-SHA256 key of the X-Sahelsat-Signature header; never shown again'),
  formats: z
    .array(z.enum(WEBHOOK_FORMATS))
    .min(1)
    .max(2)
    .refine((f) => new Set(f).size === f.length, { message: 'formats repeat' }),
});

export const WebhookOut = z
  .object({
    id: z.string(),
    url: z.string(),
    formats: z.array(z.enum(WEBHOOK_FORMATS)),
    ownerNation: Nation,
    createdBy: z.string(),
    createdAt: IsoInstant,
  })
  .meta({ id: 'Webhook' });

export const WebhookListOut = z.object({ items: z.array(WebhookOut), total: z.number() });

export const DeliveryOut = z
  .object({
    id: z.string(),
    alertId: z.string(),
    format: z.enum(WEBHOOK_FORMATS),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: IsoInstant.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
    deliveredAt: IsoInstant.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const DeliveryListOut = z.object({ items: z.array(DeliveryOut), total: z.number() });
