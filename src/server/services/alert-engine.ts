/**
 * The rule engine: listens to the bus, and for `product.created` (data: the ProductDto of
 * API-CONTRACTS.md §2, with its zonal statistics) and `request.status` (delivered, failed)
 * evaluates every enabled rule whose nation may see the event's item, then issues the alerts.
 *
 * An alert raised by a rule belongs to the rule's nation; it is released to the alliance only
 * when both the rule and the item that raised it are. Events are handled one at a time in
 * arrival order; a failure is logged and does not stop the next event.
 */
import { z } from 'zod';
import type { AlertGeometry } from '../../alerts/alert.js';
import {
  type ProductFacts,
  type RuleSpec,
  type ZoneFacts,
  evaluateFloodArea,
  evaluateNewProduct,
  evaluateRequestOutcome,
} from '../../alerts/rules.js';
import type { ZonalStats } from '../../imaging/zonal.js';
import { zonalStatistics } from '../../imaging/zonal.js';
import type { AlertRuleRecord, Releasability } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { type Audience, type LiveEvent, audienceIncludes } from '../events.js';
import type { AlertsService } from './alerts.js';

const ProductEventData = z.object({
  id: z.string(),
  type: z.enum(['flood', 'change']),
  title: z.string(),
  acquiredAt: z.string(),
  ownerNation: z.string(),
  releasability: z.enum(['nation', 'alliance']),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  areaKm2: z.number(),
  stats: z.object({
    totalAreaKm2: z.number(),
    regions: z.array(z.looseObject({ regionId: z.string(), areaKm2: z.number() })),
    aois: z.array(z.looseObject({ aoiId: z.string(), areaKm2: z.number() })),
    towns: z.array(z.looseObject({ name: z.string() })),
  }),
});

const RequestEventData = z.object({
  requestId: z.string(),
  title: z.string(),
  to: z.string(),
  reason: z.string().nullable().optional(),
});

/** Options of the engine. */
export interface AlertEngineOptions {
  /** Regions (data/aoi/regions.geojson) for names and alert areas. */
  readonly regions: GeoJSON.FeatureCollection;
  /**
   * A product's polygons, for the area inside an AOI its statistics do not list (optional:
   * without it such AOI rules use the statistics only).
   */
  readonly productGeometry?: (productId: string) => Promise<GeoJSON.FeatureCollection | null>;
  readonly log?: { warn(o: object, msg: string): void };
}

const asGeometry = (g: unknown): AlertGeometry | null => {
  const t = (g as { type?: string } | null)?.type;
  return t === 'Polygon' || t === 'MultiPolygon' ? (g as AlertGeometry) : null;
};

const bboxOfGeometry = (g: AlertGeometry | null): [number, number, number, number] => {
  const polys = !g ? [] : g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const pts = polys.flatMap((p) => p[0] ?? []);
  return [
    Math.min(...pts.map((p) => p[0]!)),
    Math.min(...pts.map((p) => p[1]!)),
    Math.max(...pts.map((p) => p[0]!)),
    Math.max(...pts.map((p) => p[1]!)),
  ];
};

export function alertEngine(deps: ServiceDeps, alerts: AlertsService, o: AlertEngineOptions) {
  const { store, events } = deps;
  const log = o.log ?? { warn: () => undefined };
  const regions = new Map(
    o.regions.features.map((f) => [
      String(f.properties?.['id']),
      { name: String(f.properties?.['name'] ?? ''), geometry: asGeometry(f.geometry) },
    ]),
  );
  let queue: Promise<void> = Promise.resolve();

  const releasabilityOf = (rule: AlertRuleRecord, item: Audience): Releasability =>
    rule.releasability === 'alliance' && (item.kind === 'all' || item.releasability === 'alliance')
      ? 'alliance'
      : 'nation';

  async function aoiZone(
    rule: AlertRuleRecord,
    aoiId: string,
    p: ProductFacts,
    withArea: boolean,
  ): Promise<ZoneFacts | null> {
    const aoi = await store.catalogue.getAoi(aoiId, { nation: rule.ownerNation });
    if (!aoi) return null;
    const geometry = asGeometry(aoi.geometry);
    const bbox: [number, number, number, number] = [
      aoi.bbox.minLon,
      aoi.bbox.minLat,
      aoi.bbox.maxLon,
      aoi.bbox.maxLat,
    ];
    const zone: ZoneFacts = { id: aoi.id, name: aoi.name, geometry, bbox };
    if (!withArea) return zone;
    const listed = p.stats.aois.find((a) => a.aoiId === aoiId);
    if (listed) return { ...zone, areaKm2: listed.areaKm2, share: listed.share };
    if (!geometry || !o.productGeometry) return zone;
    const fc = await o.productGeometry(p.id);
    if (!fc) return zone;
    const s = zonalStatistics(
      fc,
      {
        regions: { type: 'FeatureCollection', features: [] },
        towns: { type: 'FeatureCollection', features: [] },
        aois: [{ id: aoi.id, name: aoi.name, geometry }],
      },
      { townDistanceKm: 0 },
    );
    const a = s.aois[0];
    return { ...zone, areaKm2: a?.areaKm2 ?? 0, share: a?.share ?? 0 };
  }

  async function onProduct(e: LiveEvent): Promise<void> {
    const parsed = ProductEventData.safeParse(e.data);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues }, 'product.created event without a usable product');
      return;
    }
    const p = parsed.data as unknown as ProductFacts;
    const rules = await store.alerts.enabledRules(['flood-area', 'new-product']);
    for (const rule of rules) {
      if (!audienceIncludes(e.audience, rule.ownerNation)) continue;
      const s = rule.spec;
      let content = null;
      if (s.kind === 'flood-area') {
        let zone: ZoneFacts | null = null;
        if (s.regionId !== null) {
          const region = regions.get(s.regionId);
          const r = (p.stats as ZonalStats).regions.find((x) => x.regionId === s.regionId);
          if (region && r)
            zone = {
              id: s.regionId,
              name: region.name || r.name,
              geometry: region.geometry,
              bbox: bboxOfGeometry(region.geometry),
              areaKm2: r.areaKm2,
              share: r.share,
              previousAreaKm2: r.previousAreaKm2,
            };
        } else if (s.aoiId !== null) zone = await aoiZone(rule, s.aoiId, p, true);
        if (zone) content = evaluateFloodArea(s, p, zone);
      } else if (s.kind === 'new-product') {
        const zone = await aoiZone(rule, s.aoiId, p, false);
        if (zone) content = evaluateNewProduct(s, p, zone);
      }
      if (!content) continue;
      await alerts.issue(
        content,
        { nation: rule.ownerNation, releasability: releasabilityOf(rule, e.audience) },
        {
          ruleId: rule.id,
          productId: p.id,
          requestId: null,
          dedupeKey: `rule:${rule.id}:product:${p.id}`,
        },
        null,
      );
    }
  }

  async function onRequest(e: LiveEvent): Promise<void> {
    const parsed = RequestEventData.safeParse(e.data);
    if (!parsed.success || (parsed.data.to !== 'delivered' && parsed.data.to !== 'failed')) return;
    const d = parsed.data;
    const rules = await store.alerts.enabledRules(['request-outcome']);
    const relevant = rules.filter(
      (r) =>
        audienceIncludes(e.audience, r.ownerNation) &&
        (r.spec as Extract<RuleSpec, { kind: 'request-outcome' }>).outcome === d.to,
    );
    if (relevant.length === 0) return;
    const request = await store.requests.getAny(d.requestId);
    for (const rule of relevant) {
      const content = evaluateRequestOutcome(
        rule.spec as Extract<RuleSpec, { kind: 'request-outcome' }>,
        {
          id: d.requestId,
          title: d.title,
          to: d.to,
          reason: d.reason ?? null,
          at: e.at,
          geometry: asGeometry(request?.aoi),
        },
      );
      if (!content) continue;
      await alerts.issue(
        content,
        { nation: rule.ownerNation, releasability: releasabilityOf(rule, e.audience) },
        {
          ruleId: rule.id,
          productId: null,
          requestId: d.requestId,
          dedupeKey: `rule:${rule.id}:request:${d.requestId}:${d.to}`,
        },
        null,
      );
    }
  }

  function handle(e: LiveEvent): void {
    const work =
      e.type === 'product.created' ? onProduct : e.type === 'request.status' ? onRequest : null;
    if (!work) return;
    queue = queue
      .then(() => work(e))
      .catch((err) => log.warn({ err, event: e.type }, 'alert rule evaluation failed'));
  }

  let unsubscribe: (() => void) | null = null;
  return {
    /** Starts listening to the bus. */
    start(): void {
      unsubscribe ??= events.subscribe(handle);
    },
    /** Stops listening and waits for the events already received. */
    async stop(): Promise<void> {
      unsubscribe?.();
      unsubscribe = null;
      await queue;
    },
    /** Resolves when every event received so far has been handled (for tests). */
    idle: (): Promise<void> => queue,
  };
}

export type AlertEngine = ReturnType<typeof alertEngine>;
