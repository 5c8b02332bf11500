/**
 * The alert as the system keeps it: the CAP 1.2 vocabulary (OASIS Common Alerting Protocol,
 * 2010) restricted to what Sahelsat issues, texts in English and French, and the link to what
 * raised it (a rule, a product, a request). Instants are UTC milliseconds.
 */

export const CAP_STATUSES = ['Actual', 'Exercise', 'Test'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
/** CAP 1.2 §3.2.2 categories (Met includes floods, Geo landslides and other ground change). */
export const CAP_CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];
export type CapUrgency = (typeof CAP_URGENCIES)[number];
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];
export type CapCategory = (typeof CAP_CATEGORIES)[number];

/** A text in both languages of the system. */
export interface Bilingual {
  readonly en: string;
  readonly fr: string;
}

/** Polygon or MultiPolygon in WGS-84 lon/lat (GeoJSON coordinates order). */
export type AlertGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: number[][][] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: number[][][][] };

/** What an alert says (everything but identity, time and ownership). */
export interface AlertContent {
  readonly status: CapStatus;
  readonly msgType: CapMsgType;
  readonly category: CapCategory;
  readonly severity: CapSeverity;
  readonly urgency: CapUrgency;
  readonly certainty: CapCertainty;
  readonly event: Bilingual;
  readonly headline: Bilingual;
  readonly description: Bilingual;
  readonly area: { readonly description: Bilingual; readonly geometry: AlertGeometry | null };
  /** CAP `references` of an Update or Cancel: earlier alerts' identifiers. */
  readonly references: readonly string[];
}

/** A stored alert. */
export interface Alert extends AlertContent {
  readonly id: string;
  /** CAP identifier, unique for the sender (`sahelsat-<id>`). */
  readonly identifier: string;
  readonly sentAtMs: number;
  readonly ruleId: string | null;
  readonly productId: string | null;
  readonly requestId: string | null;
  readonly ownerNation: 'ML' | 'BF' | 'NE' | 'AES';
  readonly releasability: 'nation' | 'alliance';
}

/** Bounding box `[west, south, east, north]` of an alert geometry (null when none). */
export function alertBbox(g: AlertGeometry | null): [number, number, number, number] | null {
  if (!g) return null;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const p of polys)
    for (const pt of p[0] ?? []) {
      w = Math.min(w, pt[0]!);
      e = Math.max(e, pt[0]!);
      s = Math.min(s, pt[1]!);
      n = Math.max(n, pt[1]!);
    }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** A lon/lat rectangle as a closed GeoJSON Polygon. */
export function bboxPolygon(b: readonly [number, number, number, number]): AlertGeometry {
  const [w, s, e, n] = b;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}
