/**
 * Alert rules and their evaluation, pure: a rule and what happened (a product landed, a request
 * was delivered or failed) give the content of an alert, or nothing. The texts are written in
 * English and French here (texts.ts); the service stores and distributes the result.
 *
 * - `flood-area`: the flooded (or changed) area of a product inside a region or an area of
 *   interest is at least `thresholdKm2`; with `rising`, it must also exceed the previous
 *   product's area there (no previous product counts as rising from nothing).
 * - `new-product`: a product (of `productType`, when given) whose footprint meets the AOI.
 * - `request-outcome`: a request visible to the rule's nation was delivered, or failed.
 */
import type { ZonalStats } from '../imaging/zonal.js';
import { type AlertContent, type AlertGeometry, bboxPolygon } from './alert.js';
import { type Lang, formatArea, formatInstant, formatPercent, t } from './texts.js';

export const RULE_KINDS = ['flood-area', 'new-product', 'request-outcome'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const PRODUCT_KINDS = ['flood', 'change'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export const REQUEST_OUTCOMES = ['delivered', 'failed'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

/** What a rule watches (the kind-specific part). */
export type RuleSpec =
  | {
      readonly kind: 'flood-area';
      readonly regionId: string | null;
      readonly aoiId: string | null;
      readonly thresholdKm2: number;
      readonly rising: boolean;
      readonly productType: ProductKind | null;
    }
  | {
      readonly kind: 'new-product';
      readonly aoiId: string;
      readonly productType: ProductKind | null;
    }
  | { readonly kind: 'request-outcome'; readonly outcome: RequestOutcome };

/** A product as announced on the bus (API-CONTRACTS.md §2 ProductDto). */
export interface ProductFacts {
  readonly id: string;
  readonly type: ProductKind;
  readonly title: string;
  readonly acquiredAt: string;
  readonly bbox: readonly [number, number, number, number];
  readonly areaKm2: number;
  readonly stats: ZonalStats;
}

/** A zone as the evaluation needs it: name and geometry (for the alert's area). */
export interface ZoneFacts {
  readonly id: string;
  readonly name: string;
  readonly geometry: AlertGeometry | null;
  readonly bbox: readonly [number, number, number, number];
  /** Area of the product inside the zone, km² and share, when known. */
  readonly areaKm2?: number;
  readonly share?: number;
  readonly previousAreaKm2?: number | null;
}

const both = (f: (l: Lang) => string) => ({ en: f('en'), fr: f('fr') });
const meets = (a: readonly number[], b: readonly number[]) =>
  a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;

function townsLine(p: ProductFacts, l: Lang): string {
  const towns = p.stats.towns.slice(0, 8);
  if (towns.length === 0) return '';
  const list = towns
    .map((x) =>
      t(l, x.inside ? 'town.inside' : 'town.near', {
        name: x.name,
        population: formatArea(x.population, l, 0),
        km: formatArea(x.distanceKm, l, 1),
      }),
    )
    .join('; ');
  return ` ${t(l, 'flood.towns', { list })}`;
}

/**
 * The alert a `flood-area` rule raises for a product, or null. `zone` carries the product's area
 * in the rule's region or AOI (from the product's statistics or computed by the caller).
 */
export function evaluateFloodArea(
  spec: Extract<RuleSpec, { kind: 'flood-area' }>,
  p: ProductFacts,
  zone: ZoneFacts,
): AlertContent | null {
  if (spec.productType && spec.productType !== p.type) return null;
  const area = zone.areaKm2 ?? 0;
  if (!(area >= spec.thresholdKm2) || area <= 0) return null;
  const previous = zone.previousAreaKm2 ?? null;
  if (spec.rising && previous !== null && !(area > previous)) return null;
  const ratio = spec.thresholdKm2 > 0 ? area / spec.thresholdKm2 : Infinity;
  const severity = ratio >= 4 ? 'Severe' : ratio >= 2 ? 'Moderate' : 'Minor';
  const kind = p.type === 'flood' ? 'flood' : 'change';
  const vars = (l: Lang) => ({
    zone: zone.name,
    area: formatArea(area, l),
    share: formatPercent(zone.share ?? 0, l),
    threshold: formatArea(spec.thresholdKm2, l),
    title: p.title,
    date: formatInstant(p.acquiredAt, l),
    previous: previous === null ? '' : formatArea(previous, l),
  });
  return {
    status: 'Actual',
    msgType: 'Alert',
    category: p.type === 'flood' ? 'Met' : 'Geo',
    severity,
    urgency: 'Immediate',
    certainty: 'Observed',
    event: both((l) => t(l, `${kind}.event`)),
    headline: both((l) => t(l, `${kind}.headline`, vars(l))),
    description: both(
      (l) =>
        t(l, `${kind}.description`, vars(l)) +
        (previous === null ? '' : ` ${t(l, 'flood.previous', vars(l))}`) +
        townsLine(p, l),
    ),
    area: { description: both(() => zone.name), geometry: zone.geometry ?? bboxPolygon(p.bbox) },
    references: [],
  };
}

/** The alert a `new-product` rule raises for a product over its AOI, or null. */
export function evaluateNewProduct(
  spec: Extract<RuleSpec, { kind: 'new-product' }>,
  p: ProductFacts,
  aoi: ZoneFacts,
): AlertContent | null {
  if (spec.productType && spec.productType !== p.type) return null;
  if (!meets(p.bbox, aoi.bbox)) return null;
  const vars = (l: Lang) => ({
    aoi: aoi.name,
    title: p.title,
    type: t(l, `type.${p.type}`),
    date: formatInstant(p.acquiredAt, l),
    area: formatArea(p.areaKm2, l),
  });
  return {
    status: 'Actual',
    msgType: 'Alert',
    category: p.type === 'flood' ? 'Met' : 'Geo',
    severity: 'Minor',
    urgency: 'Expected',
    certainty: 'Observed',
    event: both((l) => t(l, 'product.event')),
    headline: both((l) => t(l, 'product.headline', vars(l))),
    description: both((l) => t(l, 'product.description', vars(l))),
    area: { description: both(() => aoi.name), geometry: aoi.geometry ?? bboxPolygon(p.bbox) },
    references: [],
  };
}

/** A request that changed status, as announced on the bus. */
export interface RequestFacts {
  readonly id: string;
  readonly title: string;
  readonly to: string;
  readonly reason: string | null;
  readonly at: string;
  /** The request's area (a polygon), or null. */
  readonly geometry: AlertGeometry | null;
}

/** The alert a `request-outcome` rule raises, or null. */
export function evaluateRequestOutcome(
  spec: Extract<RuleSpec, { kind: 'request-outcome' }>,
  r: RequestFacts,
): AlertContent | null {
  if (r.to !== spec.outcome) return null;
  const vars = (l: Lang) => ({
    title: r.title,
    date: formatInstant(r.at, l),
    reason: r.reason ?? t(l, 'request.no-reason'),
  });
  const o = spec.outcome;
  return {
    status: 'Actual',
    msgType: 'Alert',
    category: 'Other',
    severity: o === 'failed' ? 'Moderate' : 'Minor',
    urgency: 'Expected',
    certainty: 'Observed',
    event: both((l) => t(l, `request.${o}.event`)),
    headline: both((l) => t(l, `request.${o}.headline`, vars(l))),
    description: both((l) => t(l, `request.${o}.description`, vars(l))),
    area: { description: both(() => r.title), geometry: r.geometry },
    references: [],
  };
}
