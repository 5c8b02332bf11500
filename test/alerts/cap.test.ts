import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.js';
import { nextDelayMs, retryable } from '../../src/alerts/backoff.js';
import { capDateTime, capXml } from '../../src/alerts/cap.js';
import { atomFeed, jsonFeed } from '../../src/alerts/feeds.js';
import { signBody, verifySignature } from '../../src/alerts/signature.js';
import { loadBundledZones } from '../../src/imaging/zonal.js';
import { capProblems, capValues } from '../support/cap-schema.js';

const mopti = loadBundledZones().regions.features.find((f) => f.properties?.['id'] === 'ML-5')!;

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: '0b7d3c1e-1111-4222-8333-944455556666',
  identifier: 'sahelsat-0b7d3c1e-1111-4222-8333-944455556666',
  sentAtMs: Date.UTC(2026, 8, 14, 6, 30, 12, 789),
  status: 'Actual',
  msgType: 'Alert',
  category: 'Met',
  severity: 'Severe',
  urgency: 'Immediate',
  certainty: 'Observed',
  event: { en: 'Flood', fr: 'Inondation' },
  headline: {
    en: 'Flooding, Mopti: 1,234 km² (1.5%)',
    fr: 'Inondation, Mopti : 1 234 km² (1,5 %)',
  },
  description: {
    en: 'Water & mud <b>near</b> "Sévaré" — l’eau',
    fr: 'Eau & boue <b>près</b> de « Sévaré » — l’eau',
  },
  area: {
    description: { en: 'Mopti', fr: 'Mopti' },
    geometry: mopti.geometry as Alert['area']['geometry'],
  },
  references: [],
  ruleId: 'rule-1',
  productId: 'product-1',
  requestId: null,
  ownerNation: 'ML',
  releasability: 'nation',
  ...over,
});

const SENDER = 'sahelsat@aes.example';

describe('CAP 1.2', () => {
  it('a nation alert: valid, Restricted with a restriction, one info per language', () => {
    const xml = capXml(alert(), { sender: SENDER });
    expect(capProblems(xml)).toEqual([]);
    const v = capValues(xml);
    expect(v.get('identifier')).toEqual(['sahelsat-0b7d3c1e-1111-4222-8333-944455556666']);
    expect(v.get('sent')).toEqual(['2026-09-14T06:30:12-00:00']);
    expect(v.get('scope')).toEqual(['Restricted']);
    expect(v.get('restriction')[0]).toMatch(/ML/);
    expect(v.get('info/language')).toEqual(['en', 'fr']);
    expect(v.get('info/category')).toEqual(['Met', 'Met']);
    expect(v.get('info/headline')[1]).toBe('Inondation, Mopti : 1 234 km² (1,5 %)');
    expect(v.get('info/description')[0]).toBe('Water & mud <b>near</b> "Sévaré" — l’eau');
    // lat,lon order, closed, as many points as the region's ring (already closed).
    const ring = (mopti.geometry as GeoJSON.Polygon).coordinates[0]!;
    const pairs = v.get('info/area/polygon')[0]!.split(' ');
    expect(pairs).toHaveLength(ring.length);
    const [lat, lon] = pairs[0]!.split(',').map(Number);
    expect(lat).toBeCloseTo(ring[0]![1]!, 6);
    expect(lon).toBeCloseTo(ring[0]![0]!, 6);
    expect(v.get('info/parameter/valueName')).toContain('sahelsat:productId');
  });

  it('an alliance alert is Public without restriction; Update carries references', () => {
    const xml = capXml(
      alert({
        releasability: 'alliance',
        msgType: 'Update',
        references: [`${SENDER},sahelsat-earlier,2026-09-13T06:00:00-00:00`],
        area: { description: { en: 'x', fr: 'x' }, geometry: null },
      }),
      { sender: SENDER },
    );
    expect(capProblems(xml)).toEqual([]);
    const v = capValues(xml);
    expect(v.get('scope')).toEqual(['Public']);
    expect(v.get('restriction')).toEqual([]);
    expect(v.get('references')).toEqual([`${SENDER},sahelsat-earlier,2026-09-13T06:00:00-00:00`]);
    expect(v.get('info/area/polygon')).toEqual([]);
  });

  it('the schema check catches what the XSD forbids (it can fail)', () => {
    const good = capXml(alert(), { sender: SENDER });
    const swapped = good.replace(
      /(<urgency>Immediate<\/urgency>\n\s*)(<severity>Severe<\/severity>)/,
      '$2\n    <urgency>Immediate</urgency>',
    );
    expect(swapped).not.toBe(good);
    expect(capProblems(swapped).join()).toMatch(/urgency|severity/);
    expect(capProblems(good.replace('-00:00</sent>', 'Z</sent>')).join()).toMatch(/dateTime/);
    expect(capProblems(good.replace('06:30:12-00:00', '06:30:12.789-00:00')).join()).toMatch(
      /dateTime/,
    );
    expect(capProblems(good.replaceAll('<severity>Severe', '<severity>Bad')).join()).toMatch(
      /not one of/,
    );
    expect(capProblems(good.replace(/<restriction>.*<\/restriction>\n/, '')).join()).toMatch(
      /restriction/,
    );
    expect(
      capProblems(good.replace('<sender>sahelsat@aes.example', '<sender>a, b')).join(),
    ).toMatch(/sender/);
    expect(capProblems(good.replace('</polygon>', ' 1,1</polygon>')).join()).toMatch(/closed/);
    expect(capProblems(good.replace('</alert>', '')).join()).toMatch(/well-formed/);
  });

  it('dateTime: whole seconds, UTC as -00:00', () => {
    expect(capDateTime(Date.UTC(2026, 0, 2, 3, 4, 5, 999))).toBe('2026-01-02T03:04:05-00:00');
  });

  it('Atom feed: well-formed, entries embedding valid CAP; JSON Feed 1.1', () => {
    const list = [alert(), alert({ id: 'b', identifier: 'sahelsat-b', releasability: 'alliance' })];
    const o = {
      sender: SENDER,
      lang: 'fr' as const,
      nowMs: 0,
      selfUrl: 'http://h/api/v1/alerts/feed.xml',
      capUrl: (a: { id: string }) => `http://h/api/v1/alerts/${a.id}/cap.xml`,
    };
    const atom = atomFeed(list, o);
    const entries = atom.split('<entry>').slice(1);
    expect(entries).toHaveLength(2);
    expect(atom).toContain('<title>Alertes Sahelsat</title>');
    for (const e of entries) {
      const cap = /<content type="application\/cap\+xml">([\s\S]*)<\/content>/.exec(e)![1]!;
      expect(capProblems(cap)).toEqual([]);
    }
    expect(capProblems(atom)).toEqual(['the root element is not <alert>']); // well-formed
    const json = jsonFeed(list, o, (a) => ({ id: a.id }));
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect((json.items as Array<{ title: string }>)[0]!.title).toMatch(/^Inondation/);
  });
});

describe('webhook signatures and retries', () => {
  it('HMAC-SHA256 matches RFC 4231 test case 2', () => {
    const sig = signBody('Jefe', 'what do ya want for nothing?');
    expect(sig).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(verifySignature('Jefe', 'what do ya want for nothing?', sig)).toBe(true);
    expect(verifySignature('Jefe', 'what do ya want for nothing!', sig)).toBe(false);
  });

  it('back-off doubles within ±20 %, is capped, and stops after the last attempt', () => {
    const o = { baseMs: 1000, maxMs: 20_000, maxAttempts: 6 };
    const d = [1, 2, 3, 4, 5].map((n) => nextDelayMs(n, 'x', o)!);
    d.forEach((v, i) => {
      const nominal = Math.min(20_000, 1000 * 2 ** i);
      expect(v).toBeGreaterThanOrEqual(nominal * 0.8);
      expect(v).toBeLessThanOrEqual(nominal * 1.2);
    });
    expect(nextDelayMs(6, 'x', o)).toBeNull();
    expect([500, 503, 429, 408, null].every(retryable)).toBe(true);
    expect([400, 401, 404, 410].some(retryable)).toBe(false);
  });
});
