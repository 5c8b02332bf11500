/** EN / FR buttons (a radio group: the current language is pressed). */
import type { Lang } from '../app/context.js';

export function LanguageSwitch(p: {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (k: string) => string;
}) {
  return (
    <div class="segmented" role="group" aria-label={p.t('shell.language')}>
      {(['en', 'fr'] as const).map((l) => (
        <button
          type="button"
          key={l}
          lang={l}
          aria-pressed={p.lang === l}
          onClick={() => p.setLang(l)}
          data-testid={`lang-${l}`}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
