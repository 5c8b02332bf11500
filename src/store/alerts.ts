/**
 * Alert rules, alerts, webhooks and webhook deliveries. Rules and alerts follow the
 * releasability rule (`visibleTo`); webhooks belong to one nation and are seen by it only.
 * Deliveries are claimed with a lease (a conditional update), so several server processes, or
 * one restarted after a crash, never send the same attempt twice at once.
 */
import type { Alert, AlertContent, AlertGeometry } from '../alerts/alert.js';
import type { RuleSpec } from '../alerts/rules.js';
import { type RepoContext, fromJson, toJson, visibleTo } from './executor.js';
import type { Nation, Page, Releasability, Viewer } from './records.js';
import type {
  AlertRulesTable,
  AlertsTable,
  WebhookDeliveriesTable,
  WebhooksTable,
} from './schema-alerts.js';
import './schema-alerts.js';

export interface AlertRuleRecord {
  readonly id: string;
  readonly name: string;
  readonly spec: RuleSpec;
  readonly enabled: boolean;
  readonly ownerNation: Nation;
  readonly releasability: Releasability;
  readonly createdBy: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly version: number;
}

export interface AlertRecord extends Alert {
  readonly createdBy: string | null;
}

export const WEBHOOK_FORMATS = ['cap-xml', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface WebhookRecord {
  readonly id: string;
  readonly url: string;
  readonly secret: string;
  readonly formats: readonly WebhookFormat[];
  readonly ownerNation: Nation;
  readonly createdBy: string;
  readonly createdAtMs: number;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryRecord {
  readonly id: string;
  readonly webhookId: string;
  readonly alertId: string;
  readonly format: WebhookFormat;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptMs: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly deliveredAtMs: number | null;
}

type Content = Pick<AlertContent, 'event' | 'headline' | 'description' | 'area' | 'references'>;

function toRule(r: AlertRulesTable): AlertRuleRecord {
  return {
    id: r.id,
    name: r.name,
    spec: fromJson<RuleSpec>(r.spec)!,
    enabled: r.enabled === 1,
    ownerNation: r.owner_nation as Nation,
    releasability: r.releasability as Releasability,
    createdBy: r.created_by,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
    version: r.version,
  };
}

function toAlert(r: AlertsTable): AlertRecord {
  const c = fromJson<Content>(r.content)!;
  return {
    id: r.id,
    identifier: r.identifier,
    sentAtMs: Number(r.sent_at_ms),
    status: r.status as Alert['status'],
    msgType: r.msg_type as Alert['msgType'],
    category: r.category as Alert['category'],
    severity: r.severity as Alert['severity'],
    urgency: r.urgency as Alert['urgency'],
    certainty: r.certainty as Alert['certainty'],
    event: c.event,
    headline: c.headline,
    description: c.description,
    area: { description: c.area.description, geometry: c.area.geometry as AlertGeometry | null },
    references: c.references ?? [],
    ruleId: r.rule_id,
    productId: r.product_id,
    requestId: r.request_id,
    ownerNation: r.owner_nation as Nation,
    releasability: r.releasability as Releasability,
    createdBy: r.created_by,
  };
}

function toWebhook(r: WebhooksTable): WebhookRecord {
  return {
    id: r.id,
    url: r.url,
    secret: r.secret,
    formats: fromJson<WebhookFormat[]>(r.formats) ?? [],
    ownerNation: r.owner_nation as Nation,
    createdBy: r.created_by,
    createdAtMs: Number(r.created_at_ms),
  };
}

function toDelivery(r: WebhookDeliveriesTable): DeliveryRecord {
  return {
    id: r.id,
    webhookId: r.webhook_id,
    alertId: r.alert_id,
    format: r.format as WebhookFormat,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptMs: Number(r.next_attempt_ms),
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
    deliveredAtMs: r.delivered_at_ms === null ? null : Number(r.delivered_at_ms),
  };
}

/** The editable fields of a rule. */
export type AlertRuleChanges = Partial<
  Pick<AlertRuleRecord, 'name' | 'spec' | 'enabled' | 'releasability'>
>;

export function alertsRepo({ db }: RepoContext) {
  return {
    async insertRule(r: AlertRuleRecord): Promise<AlertRuleRecord> {
      await db
        .insertInto('alert_rules')
        .values({
          id: r.id,
          name: r.name,
          kind: r.spec.kind,
          spec: toJson(r.spec),
          enabled: r.enabled ? 1 : 0,
          owner_nation: r.ownerNation,
          releasability: r.releasability,
          created_by: r.createdBy,
          created_at_ms: r.createdAtMs,
          updated_at_ms: r.updatedAtMs,
          version: r.version,
        })
        .execute();
      return r;
    },
    async getRule(id: string, viewer: Viewer): Promise<AlertRuleRecord | null> {
      const r = await db
        .selectFrom('alert_rules')
        .selectAll()
        .where('id', '=', id)
        .where(visibleTo(viewer))
        .executeTakeFirst();
      return r ? toRule(r) : null;
    },
    async listRules(viewer: Viewer): Promise<AlertRuleRecord[]> {
      const rows = await db
        .selectFrom('alert_rules')
        .selectAll()
        .where(visibleTo(viewer))
        .orderBy('created_at_ms')
        .orderBy('id')
        .execute();
      return rows.map(toRule);
    },
    /** Every enabled rule of these kinds, whatever its nation (for evaluation by the system). */
    async enabledRules(kinds: readonly string[]): Promise<AlertRuleRecord[]> {
      const rows = await db
        .selectFrom('alert_rules')
        .selectAll()
        .where('enabled', '=', 1)
        .where('kind', 'in', [...kinds])
        .orderBy('created_at_ms')
        .execute();
      return rows.map(toRule);
    },
    /** Applies changes if the version is still `expectedVersion`; null when changed meanwhile. */
    async updateRule(
      id: string,
      expectedVersion: number,
      c: AlertRuleChanges,
      nowMs: number,
    ): Promise<AlertRuleRecord | null> {
      const set: Partial<AlertRulesTable> = { updated_at_ms: nowMs, version: expectedVersion + 1 };
      if (c.name !== undefined) set.name = c.name;
      if (c.spec !== undefined) {
        set.spec = toJson(c.spec);
        set.kind = c.spec.kind;
      }
      if (c.enabled !== undefined) set.enabled = c.enabled ? 1 : 0;
      if (c.releasability !== undefined) set.releasability = c.releasability;
      const r = await db
        .updateTable('alert_rules')
        .set(set)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      return r ? toRule(r) : null;
    },
    async deleteRule(id: string): Promise<boolean> {
      const r = await db.deleteFrom('alert_rules').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /**
     * Stores an alert. With a `dedupeKey` already used (the same rule and cause seen twice),
     * stores nothing and returns false.
     */
    async insertAlert(a: AlertRecord, dedupeKey: string | null): Promise<boolean> {
      const polys = !a.area.geometry
        ? []
        : a.area.geometry.type === 'Polygon'
          ? [a.area.geometry.coordinates]
          : a.area.geometry.coordinates;
      const pts = polys.flatMap((p) => p[0] ?? []);
      const lons = pts.map((p) => p[0]!);
      const lats = pts.map((p) => p[1]!);
      const content: Content = {
        event: a.event,
        headline: a.headline,
        description: a.description,
        area: a.area,
        references: a.references,
      };
      const r = await db
        .insertInto('alerts')
        .values({
          id: a.id,
          identifier: a.identifier,
          sent_at_ms: a.sentAtMs,
          status: a.status,
          msg_type: a.msgType,
          category: a.category,
          severity: a.severity,
          urgency: a.urgency,
          certainty: a.certainty,
          content: toJson(content),
          min_lon: pts.length ? Math.min(...lons) : null,
          min_lat: pts.length ? Math.min(...lats) : null,
          max_lon: pts.length ? Math.max(...lons) : null,
          max_lat: pts.length ? Math.max(...lats) : null,
          rule_id: a.ruleId,
          product_id: a.productId,
          request_id: a.requestId,
          dedupe_key: dedupeKey,
          owner_nation: a.ownerNation,
          releasability: a.releasability,
          created_by: a.createdBy,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async getAlert(id: string, viewer: Viewer): Promise<AlertRecord | null> {
      const r = await db
        .selectFrom('alerts')
        .selectAll()
        .where('id', '=', id)
        .where(visibleTo(viewer))
        .executeTakeFirst();
      return r ? toAlert(r) : null;
    },
    /** Visible alerts sent at or after `sinceMs`, newest first. */
    async listAlerts(
      viewer: Viewer,
      f: { sinceMs?: number; limit: number; offset: number },
    ): Promise<Page<AlertRecord>> {
      let q = db.selectFrom('alerts').where(visibleTo(viewer));
      if (f.sinceMs !== undefined) q = q.where('sent_at_ms', '>=', f.sinceMs);
      const rows = await q
        .selectAll()
        .orderBy('sent_at_ms', 'desc')
        .orderBy('id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      const total = await q
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toAlert), total: Number(total.n) };
    },
    async getAlertAny(id: string): Promise<AlertRecord | null> {
      const r = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAlert(r) : null;
    },

    async insertWebhook(w: WebhookRecord): Promise<WebhookRecord> {
      await db
        .insertInto('webhooks')
        .values({
          id: w.id,
          url: w.url,
          secret: w.secret,
          formats: toJson(w.formats),
          owner_nation: w.ownerNation,
          created_by: w.createdBy,
          created_at_ms: w.createdAtMs,
        })
        .execute();
      return w;
    },
    /** The webhooks of the viewer's nation. */
    async listWebhooks(viewer: Viewer): Promise<WebhookRecord[]> {
      const rows = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('owner_nation', '=', viewer.nation)
        .orderBy('created_at_ms')
        .orderBy('id')
        .execute();
      return rows.map(toWebhook);
    },
    async getWebhook(id: string, viewer: Viewer): Promise<WebhookRecord | null> {
      const r = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('id', '=', id)
        .where('owner_nation', '=', viewer.nation)
        .executeTakeFirst();
      return r ? toWebhook(r) : null;
    },
    async allWebhooks(): Promise<WebhookRecord[]> {
      return (await db.selectFrom('webhooks').selectAll().orderBy('id').execute()).map(toWebhook);
    },
    async getWebhookAny(id: string): Promise<WebhookRecord | null> {
      const r = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toWebhook(r) : null;
    },
    /** Removes a webhook and its deliveries. */
    async deleteWebhook(id: string): Promise<boolean> {
      await db.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
      const r = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    async insertDeliveries(ds: readonly DeliveryRecord[]): Promise<void> {
      if (ds.length === 0) return;
      await db
        .insertInto('webhook_deliveries')
        .values(
          ds.map((d) => ({
            id: d.id,
            webhook_id: d.webhookId,
            alert_id: d.alertId,
            format: d.format,
            status: d.status,
            attempts: d.attempts,
            next_attempt_ms: d.nextAttemptMs,
            lease_until_ms: null,
            last_status_code: d.lastStatusCode,
            last_error: d.lastError,
            created_at_ms: d.createdAtMs,
            updated_at_ms: d.updatedAtMs,
            delivered_at_ms: d.deliveredAtMs,
          })),
        )
        .execute();
    },
    async listDeliveries(
      webhookId: string,
      f: { limit: number; offset: number },
    ): Promise<Page<DeliveryRecord>> {
      const q = db.selectFrom('webhook_deliveries').where('webhook_id', '=', webhookId);
      const rows = await q
        .selectAll()
        .orderBy('created_at_ms', 'desc')
        .orderBy('id')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      const total = await q
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toDelivery), total: Number(total.n) };
    },
    /**
     * Claims up to `limit` due deliveries (pending, next attempt passed, no live lease) for
     * `leaseMs`: each is taken by a conditional update, so concurrent claimers never share one.
     */
    async claimDue(nowMs: number, leaseMs: number, limit: number): Promise<DeliveryRecord[]> {
      const due = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_ms', '<=', nowMs)
        .where((eb) => eb.or([eb('lease_until_ms', 'is', null), eb('lease_until_ms', '<', nowMs)]))
        .orderBy('next_attempt_ms')
        .limit(limit)
        .execute();
      const claimed: DeliveryRecord[] = [];
      for (const d of due) {
        const r = await db
          .updateTable('webhook_deliveries')
          .set({ lease_until_ms: nowMs + leaseMs })
          .where('id', '=', d.id)
          .where('status', '=', 'pending')
          .where((eb) =>
            d.lease_until_ms === null
              ? eb('lease_until_ms', 'is', null)
              : eb('lease_until_ms', '=', d.lease_until_ms),
          )
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 1) claimed.push(toDelivery(d));
      }
      return claimed;
    },
    /** When the next delivery falls due (null when none is pending). */
    async nextDueMs(): Promise<number | null> {
      const r = await db
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.min('next_attempt_ms').as('t'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return r?.t === null || r?.t === undefined ? null : Number(r.t);
    },
    /** Records an attempt's outcome and releases the lease. */
    async recordAttempt(
      id: string,
      o: {
        status: DeliveryStatus;
        attempts: number;
        nextAttemptMs: number;
        statusCode: number | null;
        error: string | null;
        nowMs: number;
      },
    ): Promise<void> {
      await db
        .updateTable('webhook_deliveries')
        .set({
          status: o.status,
          attempts: o.attempts,
          next_attempt_ms: o.nextAttemptMs,
          lease_until_ms: null,
          last_status_code: o.statusCode,
          last_error: o.error,
          updated_at_ms: o.nowMs,
          delivered_at_ms: o.status === 'delivered' ? o.nowMs : null,
        })
        .where('id', '=', id)
        .execute();
    },
  };
}
