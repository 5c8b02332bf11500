/**
 * The dashboard's pure pieces: every message table has the same keys in both languages and no
 * key collides between tables; the UI's permissions mirror the server's; language and time
 * formatting.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/server/policy.js';
import { formatInstant } from '../../web/src/app/format.js';
import { fill, initialLang, mergeMessages } from '../../web/src/app/i18n.js';
import { messages as shellMessages } from '../../web/src/app/messages.js';
import { UI_PERMISSIONS } from '../../web/src/app/policy.js';
import type { Messages } from '../../web/src/app/context.js';

// Every panel folder's table (the registry itself imports TSX components, which need a browser).
const PANELS_DIR = new URL('../../web/src/panels/', import.meta.url);
const panelNames = readdirSync(PANELS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const panelTables: Array<{ name: string; messages: Messages }> = [];
for (const name of panelNames) {
  const mod = (await import(new URL(`${name}/messages.ts`, PANELS_DIR).href)) as {
    messages: Messages;
  };
  panelTables.push({ name, messages: mod.messages });
}
const tables: Array<{ name: string; messages: Messages }> = [
  { name: 'shell', messages: shellMessages },
  ...panelTables,
];

describe('message tables', () => {
  it.each(tables)('$name has the same keys in English and French, none empty', ({ messages }) => {
    expect(Object.keys(messages.fr).sort()).toEqual(Object.keys(messages.en).sort());
    for (const lang of ['en', 'fr'] as const)
      for (const [k, v] of Object.entries(messages[lang]))
        expect(v.trim(), `${lang} ${k}`).not.toBe('');
  });

  it.each(tables)('$name keeps the same placeholders in both languages', ({ messages }) => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(messages.en))
      expect(vars(messages.fr[k]!), k).toEqual(vars(messages.en[k]!));
  });

  it('namespaces panel keys by panel id and merges without collisions', () => {
    expect(panelNames).toContain('satellites');
    for (const e of panelTables) {
      expect(e.messages.en[`${e.name}.title`], e.name).toBeTruthy();
      for (const k of Object.keys(e.messages.en)) expect(k.startsWith(`${e.name}.`), k).toBe(true);
    }
    expect(() => mergeMessages(tables.map((x) => x.messages))).not.toThrow();
    expect(() => mergeMessages([shellMessages, shellMessages])).toThrow(/defined twice: shell\./);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('permissions', () => {
  it('mirror the server for every action both know', () => {
    const server = PERMISSIONS as Record<string, readonly string[]>;
    let compared = 0;
    for (const [action, roles] of Object.entries(UI_PERMISSIONS)) {
      if (!(action in server)) continue;
      expect([...roles].sort(), action).toEqual([...server[action]!].sort());
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(7);
  });
});

describe('language and time', () => {
  it('takes ?lang first, then the remembered choice, then the browser', () => {
    expect(initialLang('?lang=fr', 'en', 'en-GB')).toBe('fr');
    expect(initialLang('?lang=en', 'fr', 'fr-FR')).toBe('en');
    expect(initialLang('', 'fr', 'en-GB')).toBe('fr');
    expect(initialLang('?lang=de', null, 'fr-ML')).toBe('fr');
    expect(initialLang('', null, 'de-DE')).toBe('en');
  });

  it('formats UTC with its suffix', () => {
    const t = Date.parse('2026-11-29T22:45:07Z');
    expect(formatInstant(t, true)).toBe('2026-11-29 22:45 UTC');
    expect(formatInstant(t, true, { seconds: true, date: false })).toBe('22:45:07 UTC');
    expect(formatInstant('2026-11-29T22:45:07Z', true, { seconds: true })).toBe(
      '2026-11-29 22:45:07 UTC',
    );
    expect(formatInstant('not a time', true)).toBe('—');
    expect(formatInstant(t, false)).not.toContain('UTC');
  });
});
