/**
 * CAP 1.2 XML (OASIS Common Alerting Protocol Version 1.2, 1 July 2010) for one alert: one
 * `<info>` per language (en, fr), elements in the order the schema's sequences impose, instants
 * as `YYYY-MM-DDThh:mm:ss-00:00` (CAP §3.3.2: no "Z", UTC written -00:00, no fractions),
 * polygons as closed rings of `lat,lon` pairs (WGS-84). A nation-released alert is
 * `Restricted` with a `<restriction>` naming who may receive it; an alliance one is `Public`.
 */
import type { Alert, AlertGeometry, Bilingual } from './alert.js';

/** Options of {@link capXml}. */
export interface CapOptions {
  /** CAP sender (no spaces, commas or `<&`), e.g. `sahelsat@aes.example`. */
  readonly sender: string;
  /** `web` of each info: a URL for more information (optional). */
  readonly web?: string;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for XML content and attributes; drops characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** A CAP dateTime: UTC, whole seconds, offset `-00:00`. */
export function capDateTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}-00:00`;
}

/** CAP `<polygon>` texts of a geometry: each polygon's outer ring, `lat,lon` pairs, closed. */
export function capPolygons(g: AlertGeometry | null): string[] {
  if (!g) return [];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: string[] = [];
  for (const p of polys) {
    const ring = p[0];
    if (!ring || ring.length < 3) continue;
    const pts = ring.map((pt) => `${round6(pt[1]!)},${round6(pt[0]!)}`);
    if (pts[0] !== pts[pts.length - 1]) pts.push(pts[0]!);
    if (pts.length >= 4) out.push(pts.join(' '));
  }
  return out;
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

const LANG_NAMES = { en: 'en', fr: 'fr' } as const;
const RESTRICTION: Bilingual = {
  en: 'Releasable to {nation} only',
  fr: 'Diffusion restreinte : {nation} uniquement',
};

function el(name: string, text: string, indent: string): string {
  return `${indent}<${name}>${xmlEscape(text)}</${name}>`;
}

function info(a: Alert, lang: 'en' | 'fr', o: CapOptions): string[] {
  const i = '    ';
  const lines = [
    '  <info>',
    el('language', LANG_NAMES[lang], i),
    el('category', a.category, i),
    el('event', a.event[lang], i),
    el('urgency', a.urgency, i),
    el('severity', a.severity, i),
    el('certainty', a.certainty, i),
    el('senderName', `Sahelsat (${a.ownerNation})`, i),
    el('headline', a.headline[lang], i),
    el('description', a.description[lang], i),
  ];
  if (o.web) lines.push(el('web', o.web, i));
  const params: [string, string | null][] = [
    ['sahelsat:alertId', a.id],
    ['sahelsat:ruleId', a.ruleId],
    ['sahelsat:productId', a.productId],
    ['sahelsat:requestId', a.requestId],
  ];
  for (const [k, v] of params)
    if (v !== null)
      lines.push(
        `${i}<parameter>`,
        el('valueName', k, `${i}  `),
        el('value', v, `${i}  `),
        `${i}</parameter>`,
      );
  lines.push(`${i}<area>`, el('areaDesc', a.area.description[lang], `${i}  `));
  for (const p of capPolygons(a.area.geometry)) lines.push(el('polygon', p, `${i}  `));
  lines.push(`${i}</area>`, '  </info>');
  return lines;
}

/**
 * The alert as a CAP 1.2 document (UTF-8 XML with declaration).
 * `references` holds earlier alerts as CAP references (`sender,identifier,sent` each).
 */
export function capXml(a: Alert, o: CapOptions): string {
  const restricted = a.releasability === 'nation';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
    el('identifier', a.identifier, '  '),
    el('sender', o.sender, '  '),
    el('sent', capDateTime(a.sentAtMs), '  '),
    el('status', a.status, '  '),
    el('msgType', a.msgType, '  '),
    el('scope', restricted ? 'Restricted' : 'Public', '  '),
  ];
  if (restricted) {
    const r = (l: 'en' | 'fr') => RESTRICTION[l].replace('{nation}', a.ownerNation);
    lines.push(el('restriction', `${r('en')} / ${r('fr')}`, '  '));
  }
  if (a.references.length > 0) lines.push(el('references', a.references.join(' '), '  '));
  lines.push(...info(a, 'en', o), ...info(a, 'fr', o), '</alert>');
  return `${lines.join('\n')}\n`;
}

/** The CAP `references` entry naming an earlier alert. */
export function capReference(a: Pick<Alert, 'identifier' | 'sentAtMs'>, sender: string): string {
  return `${sender},${a.identifier},${capDateTime(a.sentAtMs)}`;
}
