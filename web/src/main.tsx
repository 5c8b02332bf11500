/**
 * Entry point: language and time-zone choices, the session check, then the login page or the
 * dashboard. `?lang=fr|en` overrides the remembered language; `<html lang>` follows.
 */
import { effect, signal } from '@preact/signals';
import 'maplibre-gl/dist/maplibre-gl.css';
import { render } from 'preact';
import { createApiClient } from './app/api.js';
import type { Lang, User } from './app/context.js';
import { createTranslator, initialLang, mergeMessages } from './app/i18n.js';
import { messages as shellMessages } from './app/messages.js';
import { loadFonts } from './map/fonts.js';
import { registry } from './panels/registry.js';
import { Dashboard } from './shell/Dashboard.js';
import { Login } from './shell/Login.js';
import './styles.css';

const LANG_KEY = 'sahelsat.lang';
const TZ_KEY = 'sahelsat.timezone';
/** Set while signed in: without it the page shows the login form without asking the server
 * (so a first visit makes no request that answers 401). */
const SIGNED_IN_KEY = 'sahelsat.signed-in';

const lang = signal<Lang>(
  initialLang(location.search, localStorage.getItem(LANG_KEY), navigator.language),
);
// A language asked in the address is a choice too: remembered like the header's switch.
if (new URLSearchParams(location.search).has('lang')) localStorage.setItem(LANG_KEY, lang.value);
const utc = signal(localStorage.getItem(TZ_KEY) !== 'local');
/** undefined: checking the session; null: signed out. */
const user = signal<User | null | undefined>(undefined);

const t = createTranslator(
  mergeMessages([shellMessages, ...registry.map((e) => e.messages)]),
  lang,
);
const api = createApiClient({
  lang: () => lang.value,
  onUnauthenticated: () => signedOut(),
});

function signedIn(u: User) {
  localStorage.setItem(SIGNED_IN_KEY, '1');
  user.value = u;
}
function signedOut() {
  localStorage.removeItem(SIGNED_IN_KEY);
  user.value = null;
}

const setLang = (l: Lang) => {
  lang.value = l;
  localStorage.setItem(LANG_KEY, l);
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', l);
    history.replaceState(history.state, '', url);
  }
};
const setUtc = (v: boolean) => {
  utc.value = v;
  localStorage.setItem(TZ_KEY, v ? 'utc' : 'local');
};

effect(() => {
  document.documentElement.lang = lang.value;
  document.title = t('shell.title');
});

function Root() {
  const u = user.value;
  if (u === undefined) return <p class="muted pad">{t('shell.loading')}</p>;
  if (u === null)
    return <Login api={api} t={t} lang={lang.value} setLang={setLang} onLogin={signedIn} />;
  return (
    <Dashboard
      key={u.id}
      api={api}
      user={u}
      lang={lang}
      setLang={setLang}
      utc={utc}
      setUtc={setUtc}
      t={t}
      onLogout={() => {
        void api.post('/auth/logout').finally(signedOut);
      }}
      onSessionEnded={signedOut}
    />
  );
}

const fonts = loadFonts().catch(() => undefined);
const session: Promise<User | null> =
  localStorage.getItem(SIGNED_IN_KEY) === '1'
    ? api.get<{ user: User }>('/auth/me').then(
        (r) => r.user,
        () => null,
      )
    : Promise.resolve(null);
void session.then(async (u) => {
  await fonts;
  if (u) signedIn(u);
  else signedOut();
});
render(<Root />, document.getElementById('app')!);
