/**
 * Messages of the dashboard: the shell's table merged with every panel's. `{name}` placeholders
 * are filled from the parameters. A key missing from both tables shows as itself (and a test
 * checks that every table has the same keys in both languages).
 */
import type { ReadonlySignal } from '@preact/signals';
import type { Lang, Messages } from './context.js';

export const LANGS: readonly Lang[] = ['en', 'fr'];

/** Merges message tables; a key defined twice is a programming error (two panels collide). */
export function mergeMessages(tables: readonly Messages[]): Messages {
  const out: Messages = { en: {}, fr: {} };
  for (const table of tables) {
    for (const lang of LANGS) {
      for (const [key, text] of Object.entries(table[lang])) {
        if (key in out[lang]) throw new Error(`message key defined twice: ${key} (${lang})`);
        out[lang][key] = text;
      }
    }
  }
  return out;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A translator following the language signal (components re-render when it changes). */
export function createTranslator(
  messages: Messages,
  lang: ReadonlySignal<Lang>,
): (key: string, params?: Record<string, string | number>) => string {
  return (key, params) => fill(messages[lang.value][key] ?? messages.en[key] ?? key, params);
}

/** `?lang=fr|en` first, then the remembered choice, then the browser's language. */
export function initialLang(search: string, stored: string | null, browser: string): Lang {
  const asked = new URLSearchParams(search).get('lang');
  for (const c of [asked, stored, browser]) {
    const lc = (c ?? '').toLowerCase();
    if (lc.startsWith('fr')) return 'fr';
    if (lc.startsWith('en')) return 'en';
  }
  return 'en';
}
