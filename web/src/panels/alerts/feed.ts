/**
 * The alert feed of a dashboard context: loaded once, kept current by the live `alert.created`
 * events, each new alert shown as a toast whatever panel is open. One feed per context (WeakMap).
 */
import { signal, type Signal } from '@preact/signals';
import type { AppContext } from '../../app/context.js';
import { itemsOf, type AlertDto, type List } from '../../panel-kit/dto.js';
import { showToast } from '../../panel-kit/toasts.js';

export interface AlertFeed {
  alerts: Signal<AlertDto[]>;
  error: Signal<unknown>;
  loading: Signal<boolean>;
  reload(): void;
}

const feeds = new WeakMap<object, AlertFeed>();

/** Picks the text in the current language (English when the French is missing). */
export function inLang(
  ctx: AppContext,
  t: { en: string; fr: string } | string | null | undefined,
): string {
  if (!t) return '';
  if (typeof t === 'string') return t;
  return (ctx.lang.value === 'fr' ? t.fr : t.en) || t.en || t.fr || '';
}

function upsert(list: AlertDto[], a: AlertDto): AlertDto[] {
  return [a, ...list.filter((x) => x.id !== a.id)].sort((p, q) => q.sentAt.localeCompare(p.sentAt));
}

export function alertFeed(ctx: AppContext): AlertFeed {
  let f = feeds.get(ctx);
  if (f) return f;
  const alerts = signal<AlertDto[]>([]);
  const error = signal<unknown>(null);
  const loading = signal(true);
  const reload = () => {
    loading.value = true;
    ctx.api.get<List<AlertDto> | AlertDto[]>('/alerts').then(
      (r) => {
        let list = alerts.value;
        for (const a of itemsOf(r)) list = upsert(list, a);
        alerts.value = list;
        error.value = null;
        loading.value = false;
      },
      (e: unknown) => {
        error.value = e;
        loading.value = false;
      },
    );
  };
  ctx.live.onEvent((e) => {
    if (e.type !== 'alert.created') return;
    const a = e.data as unknown as AlertDto;
    if (typeof a.id !== 'string') return;
    alerts.value = upsert(alerts.value, a);
    showToast(ctx.t('alerts.new', { headline: inLang(ctx, a.headline) }), {
      kind: 'alert',
      testid: 'alert-toast',
      ttlMs: 30_000,
      closeLabel: ctx.t('alerts.common.close'),
    });
  });
  f = { alerts, error, loading, reload };
  feeds.set(ctx, f);
  reload();
  return f;
}
