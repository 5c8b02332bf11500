/** Alert-related store records → JSON shapes of the API (API-CONTRACTS.md §4). */
import { type Alert, alertBbox } from '../alerts/alert.js';
import { formatIsoUtc } from '../core/time.js';
import type { AlertRuleRecord, DeliveryRecord, WebhookRecord } from '../store/index.js';

const iso = formatIsoUtc;

export const alertRuleOut = (r: AlertRuleRecord) => {
  const s = r.spec;
  return {
    id: r.id,
    name: r.name,
    kind: s.kind,
    regionId: s.kind === 'flood-area' ? s.regionId : null,
    aoiId: s.kind === 'flood-area' || s.kind === 'new-product' ? s.aoiId : null,
    thresholdKm2: s.kind === 'flood-area' ? s.thresholdKm2 : null,
    rising: s.kind === 'flood-area' ? s.rising : null,
    productType: s.kind === 'request-outcome' ? null : s.productType,
    outcome: s.kind === 'request-outcome' ? s.outcome : null,
    enabled: r.enabled,
    ownerNation: r.ownerNation,
    releasability: r.releasability,
    createdBy: r.createdBy,
    createdAt: iso(r.createdAtMs),
    updatedAt: iso(r.updatedAtMs),
    version: r.version,
  };
};

export const alertOut = (a: Alert) => ({
  id: a.id,
  sentAt: iso(a.sentAtMs),
  identifier: a.identifier,
  status: a.status,
  msgType: a.msgType,
  category: a.category,
  severity: a.severity,
  urgency: a.urgency,
  certainty: a.certainty,
  event: a.event,
  headline: a.headline,
  description: a.description,
  area: {
    description: a.area.description,
    bbox: alertBbox(a.area.geometry),
    geometry: a.area.geometry,
  },
  references: [...a.references],
  ruleId: a.ruleId,
  productId: a.productId,
  requestId: a.requestId,
  ownerNation: a.ownerNation,
  releasability: a.releasability,
});

export const webhookOut = (w: WebhookRecord) => ({
  id: w.id,
  url: w.url,
  formats: [...w.formats],
  ownerNation: w.ownerNation,
  createdBy: w.createdBy,
  createdAt: iso(w.createdAtMs),
});

export const deliveryOut = (d: DeliveryRecord) => ({
  id: d.id,
  alertId: d.alertId,
  format: d.format,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptMs) : null,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  createdAt: iso(d.createdAtMs),
  updatedAt: iso(d.updatedAtMs),
  deliveredAt: d.deliveredAtMs === null ? null : iso(d.deliveredAtMs),
});
