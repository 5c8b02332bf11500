/**
 * Alerts: rules (CRUD), manual alerts, reading (JSON, CAP, feeds), and issuing. An alert is
 * stored, audited and queued for every webhook that may receive it in one transaction, then
 * announced on the bus (`alert.created`, same audience rule as the alert). Rules are evaluated
 * by rule-engine.ts on the bus events `product.created` and `request.status`.
 */
import type { z } from 'zod';
import { type AlertContent, type AlertGeometry, type Bilingual } from '../../alerts/alert.js';
import { capReference, capXml } from '../../alerts/cap.js';
import { atomFeed, jsonFeed } from '../../alerts/feeds.js';
import type { RuleSpec } from '../../alerts/rules.js';
import { ValidationError } from '../../core/errors.js';
import { parseIsoUtc } from '../../core/time.js';
import type {
  AlertRecord,
  AlertRuleChanges,
  AlertRuleRecord,
  Nation,
  Page,
  Releasability,
  Repos,
} from '../../store/index.js';
import { alertOut } from '../alerts-dto.js';
import type { ServiceDeps } from '../context.js';
import { changedMeanwhile, forbidden, invalidField, notFound } from '../errors.js';
import { type Caller, requirePermission } from '../policy.js';
import type { AlertRuleBody, AlertRulePatchBody, ManualAlertBody } from '../schemas/alerts.js';
import { audit, auditNation } from './audit.js';
import { queueDeliveries } from './webhooks.js';

/** Options of the alerts service. */
export interface AlertsOptions {
  /** CAP `sender` (default `sahelsat@localhost`). */
  readonly capSender: string;
  /** Called after an alert was stored (wakes the webhook delivery worker). */
  readonly onIssued?: () => void;
}

/** What raised an alert, for its links and its de-duplication key. */
export interface AlertCause {
  readonly ruleId: string | null;
  readonly productId: string | null;
  readonly requestId: string | null;
  /** Same key twice = the same alert: the second is not stored. */
  readonly dedupeKey: string | null;
}

const bilingual = (v: string | Bilingual): Bilingual =>
  typeof v === 'string' ? { en: v, fr: v } : v;

/** The region/AOI part of a rule spec, checked: exactly one for flood-area. */
function checkZone(spec: RuleSpec, path: string): void {
  if (spec.kind !== 'flood-area') return;
  if ((spec.regionId === null) === (spec.aoiId === null))
    throw invalidField(path, 'give exactly one of regionId and aoiId');
}

export function alertsService(deps: ServiceDeps, o: AlertsOptions) {
  const { store, clock, events } = deps;
  if (!/^[^\s,<&]+$/.test(o.capSender))
    throw new ValidationError('the CAP sender may not contain spaces, commas, < or &', {
      location: { field: 'SAHELSAT_CAP_SENDER' },
      received: o.capSender,
    });

  const visibleRule = async (caller: Caller, id: string): Promise<AlertRuleRecord> => {
    const r = await store.alerts.getRule(id, caller);
    if (!r) throw notFound('alert rule');
    return r;
  };
  const ownRule = async (caller: Caller, id: string): Promise<AlertRuleRecord> => {
    const r = await visibleRule(caller, id);
    requirePermission(caller, 'manage alerts');
    if (r.ownerNation !== caller.nation)
      throw forbidden(caller.role, `change alert rules of ${r.ownerNation}`);
    return r;
  };
  const checkRefs = async (
    caller: Caller | { nation: Nation },
    spec: RuleSpec,
    path: string,
  ): Promise<void> => {
    if (spec.kind === 'request-outcome') return;
    if (spec.aoiId !== null && !(await store.catalogue.getAoi(spec.aoiId, caller)))
      throw invalidField(`${path}.aoiId`, `no area of interest ${spec.aoiId} visible to you`);
  };

  /**
   * Stores and distributes an alert: insert (unless its dedupe key was used), audit, webhook
   * deliveries, then the bus event. Returns null for a duplicate.
   */
  async function issue(
    content: AlertContent,
    owner: { nation: Nation; releasability: Releasability },
    cause: AlertCause,
    actor: Caller | null,
    tx?: Repos,
  ): Promise<AlertRecord | null> {
    const now = clock();
    const id = deps.newId();
    const a: AlertRecord = {
      ...content,
      id,
      identifier: `sahelsat-${id}`,
      sentAtMs: now,
      ruleId: cause.ruleId,
      productId: cause.productId,
      requestId: cause.requestId,
      ownerNation: owner.nation,
      releasability: owner.releasability,
      createdBy: actor?.id ?? null,
    };
    const work = async (t: Repos): Promise<boolean> => {
      if (!(await t.alerts.insertAlert(a, cause.dedupeKey))) return false;
      await audit(
        t,
        now,
        actor,
        'alert.create',
        { type: 'alert', id, nation: auditNation(a) },
        {
          event: a.event.en,
          severity: a.severity,
          msgType: a.msgType,
          ruleId: a.ruleId,
          productId: a.productId,
          requestId: a.requestId,
        },
      );
      await queueDeliveries(t, a, now, deps.newId);
      return true;
    };
    const stored = tx ? await work(tx) : await store.transaction(work);
    if (!stored) return null;
    events.publish({
      type: 'alert.created',
      at: new Date(now).toISOString(),
      data: alertOut(a),
      audience: { kind: 'item', ownerNation: a.ownerNation, releasability: a.releasability },
    });
    o.onIssued?.();
    return a;
  }

  const capOf = (a: AlertRecord): string => capXml(a, { sender: o.capSender });

  return {
    issue,
    capSender: o.capSender,

    async listRules(caller: Caller): Promise<Page<AlertRuleRecord>> {
      const items = await store.alerts.listRules(caller);
      return { items, total: items.length };
    },
    async createRule(caller: Caller, b: z.infer<typeof AlertRuleBody>): Promise<AlertRuleRecord> {
      requirePermission(caller, 'manage alerts');
      const spec: RuleSpec =
        b.kind === 'flood-area'
          ? {
              kind: b.kind,
              regionId: b.regionId ?? null,
              aoiId: b.aoiId ?? null,
              thresholdKm2: b.thresholdKm2,
              rising: b.rising,
              productType: b.productType ?? null,
            }
          : b.kind === 'new-product'
            ? { kind: b.kind, aoiId: b.aoiId, productType: b.productType ?? null }
            : { kind: b.kind, outcome: b.outcome };
      checkZone(spec, 'body');
      await checkRefs(caller, spec, 'body');
      const now = clock();
      const rule: AlertRuleRecord = {
        id: deps.newId(),
        name: b.name,
        spec,
        enabled: b.enabled,
        ownerNation: caller.nation,
        releasability: b.releasability,
        createdBy: caller.id,
        createdAtMs: now,
        updatedAtMs: now,
        version: 1,
      };
      await store.transaction(async (tx) => {
        await tx.alerts.insertRule(rule);
        await audit(
          tx,
          now,
          caller,
          'alert-rule.create',
          { type: 'alert-rule', id: rule.id, nation: auditNation(rule) },
          { name: rule.name, spec, enabled: rule.enabled, releasability: rule.releasability },
        );
      });
      return rule;
    },
    async updateRule(
      caller: Caller,
      id: string,
      b: z.infer<typeof AlertRulePatchBody>,
    ): Promise<AlertRuleRecord> {
      const r = await ownRule(caller, id);
      const s = r.spec;
      const kindFields: Record<RuleSpec['kind'], readonly string[]> = {
        'flood-area': ['regionId', 'aoiId', 'thresholdKm2', 'rising', 'productType'],
        'new-product': ['aoiId', 'productType'],
        'request-outcome': ['outcome'],
      };
      const generic = ['name', 'releasability', 'enabled'];
      for (const k of Object.keys(b))
        if (!generic.includes(k) && !kindFields[s.kind].includes(k))
          throw invalidField(`body.${k}`, `a ${s.kind} rule has no ${k}`);
      let spec: RuleSpec = s;
      if (s.kind === 'flood-area') {
        // Giving one zone replaces the other.
        const zone =
          b.regionId !== undefined
            ? { regionId: b.regionId, aoiId: null }
            : b.aoiId !== undefined
              ? { regionId: null, aoiId: b.aoiId }
              : {};
        spec = {
          ...s,
          ...zone,
          ...(b.thresholdKm2 !== undefined ? { thresholdKm2: b.thresholdKm2 } : {}),
          ...(b.rising !== undefined ? { rising: b.rising } : {}),
          ...(b.productType !== undefined ? { productType: b.productType } : {}),
        };
      } else if (s.kind === 'new-product') {
        spec = {
          ...s,
          ...(b.aoiId !== undefined ? { aoiId: b.aoiId } : {}),
          ...(b.productType !== undefined ? { productType: b.productType } : {}),
        };
      } else if (b.outcome !== undefined) spec = { ...s, outcome: b.outcome };
      checkZone(spec, 'body');
      await checkRefs(caller, spec, 'body');
      const c: { -readonly [K in keyof AlertRuleChanges]: AlertRuleChanges[K] } = { spec };
      if (b.name !== undefined) c.name = b.name;
      if (b.enabled !== undefined) c.enabled = b.enabled;
      if (b.releasability !== undefined) c.releasability = b.releasability;
      const now = clock();
      const after = await store.transaction(async (tx) => {
        const u = await tx.alerts.updateRule(id, r.version, c, now);
        if (!u) return null;
        const nation =
          r.releasability === 'nation' || u.releasability === 'nation' ? r.ownerNation : null;
        await audit(
          tx,
          now,
          caller,
          'alert-rule.update',
          { type: 'alert-rule', id, nation },
          { fields: Object.keys(b), spec: u.spec, enabled: u.enabled },
        );
        return u;
      });
      if (!after) throw changedMeanwhile('alert rule');
      return after;
    },
    async deleteRule(caller: Caller, id: string): Promise<void> {
      const r = await ownRule(caller, id);
      const now = clock();
      await store.transaction(async (tx) => {
        if (!(await tx.alerts.deleteRule(id))) return;
        await audit(
          tx,
          now,
          caller,
          'alert-rule.delete',
          { type: 'alert-rule', id, nation: auditNation(r) },
          { name: r.name, spec: r.spec },
        );
      });
    },

    /** A manual alert, owned by the caller's nation. */
    async createManual(caller: Caller, b: z.infer<typeof ManualAlertBody>): Promise<AlertRecord> {
      requirePermission(caller, 'manage alerts');
      if (b.msgType !== 'Alert' && b.references.length === 0)
        throw invalidField('body.references', `an ${b.msgType} must reference earlier alerts`);
      const references: string[] = [];
      for (const [i, ref] of b.references.entries()) {
        const earlier = await store.alerts.getAlert(ref, caller);
        if (!earlier) throw invalidField(`body.references.${i}`, `no alert ${ref} visible to you`);
        references.push(capReference(earlier, o.capSender));
      }
      const content: AlertContent = {
        status: b.status,
        msgType: b.msgType,
        category: b.category,
        severity: b.severity,
        urgency: b.urgency,
        certainty: b.certainty,
        event: bilingual(b.event),
        headline: b.headline,
        description: b.description,
        area: {
          description: bilingual(b.area.description),
          geometry: (b.area.geometry as AlertGeometry | undefined) ?? null,
        },
        references,
      };
      const a = await issue(
        content,
        { nation: caller.nation, releasability: b.releasability },
        { ruleId: null, productId: null, requestId: null, dedupeKey: null },
        caller,
      );
      return a!;
    },
    async list(
      caller: Caller,
      f: { since?: string; limit: number; offset: number },
    ): Promise<Page<AlertRecord>> {
      return store.alerts.listAlerts(caller, {
        limit: f.limit,
        offset: f.offset,
        ...(f.since ? { sinceMs: parseIsoUtc(f.since, 'query.since') } : {}),
      });
    },
    async get(caller: Caller, id: string): Promise<AlertRecord> {
      const a = await store.alerts.getAlert(id, caller);
      if (!a) throw notFound('alert');
      return a;
    },
    cap: capOf,
    async feed(
      caller: Caller,
      kind: 'atom' | 'json',
      f: { since?: string; limit: number; lang: 'en' | 'fr'; baseUrl: string },
    ): Promise<string | Record<string, unknown>> {
      const page = await store.alerts.listAlerts(caller, {
        limit: f.limit,
        offset: 0,
        ...(f.since ? { sinceMs: parseIsoUtc(f.since, 'query.since') } : {}),
      });
      const opts = {
        sender: o.capSender,
        lang: f.lang,
        nowMs: clock(),
        selfUrl: `${f.baseUrl}/api/v1/alerts/feed.${kind === 'atom' ? 'xml' : 'json'}`,
        capUrl: (a: { id: string }) => `${f.baseUrl}/api/v1/alerts/${a.id}/cap.xml`,
      };
      return kind === 'atom' ? atomFeed(page.items, opts) : jsonFeed(page.items, opts, alertOut);
    },
  };
}

export type AlertsService = ReturnType<typeof alertsService>;
