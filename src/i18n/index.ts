/**
 * Messages in English and French. Each module declares its own catalogue with
 * {@link defineMessages}; the language travels explicitly (no global state).
 */

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

type Catalogue = Record<string, string>;

/** A translator for one catalogue: `t(lang, key, {name: 'x'})` fills `{name}` placeholders. */
export type Translator<K extends string> = (
  lang: Lang,
  key: K,
  vars?: Record<string, string | number>,
) => string;

/**
 * Declares a message catalogue. Both languages must have exactly the same keys (checked by the
 * type system: the French catalogue is typed from the English one).
 */
export function defineMessages<E extends Catalogue>(catalogues: {
  en: E;
  fr: { [K in keyof E]: string };
}): Translator<Extract<keyof E, string>> {
  return (lang, key, vars) => {
    const template = (lang === 'fr' ? catalogues.fr[key] : catalogues.en[key]) ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
  };
}

/**
 * Picks the language: an explicit choice first, then the environment's SAHELSAT_LANG, LC_ALL,
 * LC_MESSAGES, LANG (French when they start with "fr"), English otherwise.
 */
export function resolveLang(
  explicit: string | undefined,
  env: Record<string, string | undefined>,
): Lang {
  const candidates = [explicit, env.SAHELSAT_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  for (const c of candidates) {
    if (!c) continue;
    const lc = c.toLowerCase();
    if (lc.startsWith('fr')) return 'fr';
    if (lc.startsWith('en')) return 'en';
  }
  return 'en';
}
