/** The header: title, live-link state, language, time zone, user, sign out. */
import type { Lang, User } from '../app/context.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function Header(p: {
  user: User;
  lang: Lang;
  setLang: (l: Lang) => void;
  utc: boolean;
  setUtc: (utc: boolean) => void;
  t: (key: string, params?: Record<string, string | number>) => string;
  connected: boolean;
  onLogout: () => void;
}) {
  const { t } = p;
  return (
    <header class="header">
      <h1 class="brand">{t('shell.title')}</h1>
      <span
        class={`dot ${p.connected ? 'up' : 'down'}`}
        role="status"
        title={p.connected ? t('shell.live.connected') : t('shell.live.disconnected')}
        data-testid="live-state"
        data-connected={p.connected ? 'true' : 'false'}
      >
        <span class="visually-hidden">
          {p.connected ? t('shell.live.connected') : t('shell.live.disconnected')}
        </span>
      </span>
      <div class="spacer" />
      <LanguageSwitch lang={p.lang} setLang={p.setLang} t={t} />
      <div class="segmented" role="group" aria-label={t('shell.timezone')}>
        <button
          type="button"
          aria-pressed={p.utc}
          onClick={() => p.setUtc(true)}
          data-testid="tz-utc"
        >
          {t('shell.utc')}
        </button>
        <button
          type="button"
          aria-pressed={!p.utc}
          onClick={() => p.setUtc(false)}
          data-testid="tz-local"
        >
          {t('shell.local')}
        </button>
      </div>
      <span class="user" data-testid="user">
        {t('shell.user', {
          username: p.user.username,
          role: t(`shell.role.${p.user.role}`),
          nation: p.user.nation,
        })}
      </span>
      <button type="button" onClick={p.onLogout} data-testid="logout">
        {t('shell.logout')}
      </button>
    </header>
  );
}
