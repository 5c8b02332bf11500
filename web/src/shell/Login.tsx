/** The login page: user name and password; errors from the server in the chosen language. */
import { useState } from 'preact/hooks';
import { ApiError } from '../app/api.js';
import type { ApiClient, Lang, User } from '../app/context.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function Login(p: {
  api: ApiClient;
  t: (key: string, params?: Record<string, string | number>) => string;
  lang: Lang;
  setLang: (l: Lang) => void;
  onLogin: (u: User) => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await p.api.post<{ user: User }>('/auth/login', { username, password });
      p.onLogin(r.user);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login" data-testid="login-page">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div class="login-head">
          <h1 id="login-title">{p.t('shell.title')}</h1>
          <LanguageSwitch lang={p.lang} setLang={p.setLang} t={p.t} />
        </div>
        <p class="muted">{p.t('shell.login.intro')}</p>
        <label>
          {p.t('shell.login.username')}
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            data-testid="login-username"
          />
        </label>
        <label>
          {p.t('shell.login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            data-testid="login-password"
          />
        </label>
        {error && (
          <p class="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy} data-testid="login-submit">
          {busy ? p.t('shell.login.busy') : p.t('shell.login.submit')}
        </button>
      </form>
    </main>
  );
}
