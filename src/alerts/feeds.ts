/**
 * Feeds of alerts: Atom (RFC 4287) whose entries carry the CAP document inline (as the CAP
 * feeds of national alerting services do) plus a link to it, and JSON Feed 1.1
 * (https://jsonfeed.org/version/1.1) whose items carry the alert as JSON under `_sahelsat`.
 * Titles and summaries are in the caller's language.
 */
import type { Alert } from './alert.js';
import { type CapOptions, capXml, xmlEscape } from './cap.js';

/** Options of the feeds. */
export interface FeedOptions extends CapOptions {
  /** Absolute or root-relative URL of the feed itself. */
  readonly selfUrl: string;
  /** URL of one alert's CAP document. */
  readonly capUrl: (a: Alert) => string;
  readonly lang: 'en' | 'fr';
  /** `updated` of an empty feed, UTC ms. */
  readonly nowMs: number;
}

const TITLE = { en: 'Sahelsat alerts', fr: 'Alertes Sahelsat' } as const;
const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/** Atom feed of the alerts (newest first), each entry with its CAP document as content. */
export function atomFeed(alerts: readonly Alert[], o: FeedOptions): string {
  const updated = alerts.reduce((m, a) => Math.max(m, a.sentAtMs), 0) || o.nowMs;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${o.lang}">`,
    `  <id>urn:sahelsat:alerts:${xmlEscape(o.sender)}</id>`,
    `  <title>${TITLE[o.lang]}</title>`,
    `  <updated>${iso(updated)}</updated>`,
    `  <author><name>Sahelsat</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(o.selfUrl)}"/>`,
  ];
  for (const a of alerts) {
    const cap = capXml(a, o)
      .replace(/^<\?xml[^>]*>\n/, '')
      .trimEnd()
      .split('\n')
      .map((l) => `      ${l}`)
      .join('\n');
    lines.push(
      '  <entry>',
      `    <id>urn:uuid:${xmlEscape(a.id)}</id>`,
      `    <title>${xmlEscape(a.headline[o.lang])}</title>`,
      `    <updated>${iso(a.sentAtMs)}</updated>`,
      `    <published>${iso(a.sentAtMs)}</published>`,
      `    <summary>${xmlEscape(a.description[o.lang])}</summary>`,
      `    <category term="${a.category}"/>`,
      `    <link rel="alternate" type="application/cap+xml" href="${xmlEscape(o.capUrl(a))}"/>`,
      '    <content type="application/cap+xml">',
      cap,
      '    </content>',
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}

/** JSON Feed 1.1 of the alerts; `toJson` gives each alert's API shape. */
export function jsonFeed(
  alerts: readonly Alert[],
  o: FeedOptions,
  toJson: (a: Alert) => unknown,
): Record<string, unknown> {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: TITLE[o.lang],
    feed_url: o.selfUrl,
    language: o.lang,
    items: alerts.map((a) => ({
      id: a.id,
      url: o.capUrl(a),
      title: a.headline[o.lang],
      content_text: a.description[o.lang],
      summary: a.event[o.lang],
      date_published: iso(a.sentAtMs),
      tags: [a.category, a.severity, a.urgency, a.certainty],
      _sahelsat: toJson(a),
    })),
  };
}
