/** Alerts panel: the CAP alert feed in the current language; new alerts arrive live. */
import { useState } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import type { AlertDto } from '../../panel-kit/dto.js';
import { bboxOf } from '../requests/polygon.js';
import { Busy, ErrorBox } from '../../panel-kit/ui.js';
import { alertFeed, inLang } from './feed.js';

const AREA_OVERLAY = 'alert-area';

function label(ctx: AppContext, prefix: string, v: string): string {
  const k = `alerts.${prefix}.${v}`;
  const s = ctx.t(k);
  return s === k ? v : s;
}

function AlertItem(p: { ctx: AppContext; a: AlertDto; open: boolean; toggle(): void }) {
  const { ctx, a } = p;
  const showArea = () => {
    if (!a.area.geometry) return;
    ctx.setOverlay(
      AREA_OVERLAY,
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { label: inLang(ctx, a.headline) },
            geometry: a.area.geometry,
          },
        ],
      },
      { fill: '#e8590c', line: '#e8590c', circle: '#e8590c', label: '#eef3f6' },
    );
    const bb = a.area.bbox ?? bboxOf((a.area.geometry as { coordinates?: unknown }).coordinates);
    if (bb) ctx.fitBounds(bb);
  };
  return (
    <li
      class={`alert sev-${a.severity.toLowerCase()}`}
      data-testid="alert-item"
      data-alert-id={a.id}
    >
      <button type="button" class="link" aria-expanded={p.open} onClick={p.toggle}>
        <strong>{label(ctx, 'sev', a.severity)}</strong> —{' '}
        <span data-testid="alert-headline">{inLang(ctx, a.headline)}</span>
      </button>
      <div class="meta">
        {ctx.t('alerts.sent', { at: ctx.formatTime(a.sentAt, { date: true }) })}
      </div>
      {p.open && (
        <div class="alert-details" data-testid="alert-details">
          <p>{inLang(ctx, a.description)}</p>
          <dl>
            <dt>{ctx.t('alerts.event')}</dt>
            <dd>{inLang(ctx, a.event)}</dd>
            <dt>{ctx.t('alerts.severity')}</dt>
            <dd>{label(ctx, 'sev', a.severity)}</dd>
            <dt>{ctx.t('alerts.urgency')}</dt>
            <dd>{label(ctx, 'urg', a.urgency)}</dd>
            <dt>{ctx.t('alerts.certainty')}</dt>
            <dd>{label(ctx, 'cert', a.certainty)}</dd>
            <dt>{ctx.t('alerts.status')}</dt>
            <dd>
              {label(ctx, 'st', a.status)} / {label(ctx, 'msg', a.msgType)}
            </dd>
            <dt>{ctx.t('alerts.area')}</dt>
            <dd>{inLang(ctx, a.area.description)}</dd>
          </dl>
          {a.area.geometry && (
            <button type="button" onClick={showArea}>
              {ctx.t('alerts.showArea')}
            </button>
          )}{' '}
          <a
            href={`/api/v1/alerts/${encodeURIComponent(a.id)}/cap.xml`}
            target="_blank"
            rel="noopener"
          >
            {ctx.t('alerts.cap')}
          </a>
        </div>
      )}
    </li>
  );
}

function AlertsPanel({ ctx }: { ctx: AppContext }) {
  const feed = alertFeed(ctx);
  const [open, setOpen] = useState<string | null>(null);
  const alerts = feed.alerts.value;
  return (
    <div class="panel alerts-panel">
      <Busy ns="alerts" ctx={ctx} when={feed.loading.value} />
      <ErrorBox ns="alerts" ctx={ctx} error={feed.error.value} retry={feed.reload} />
      <p aria-live="polite">
        {alerts.length === 0 ? ctx.t('alerts.none') : ctx.t('alerts.total', { n: alerts.length })}
      </p>
      <ul class="alert-list" data-testid="alert-list">
        {alerts.map((a) => (
          <AlertItem
            key={a.id}
            ctx={ctx}
            a={a}
            open={open === a.id}
            toggle={() => setOpen(open === a.id ? null : a.id)}
          />
        ))}
      </ul>
      <p>
        <a href="/api/v1/alerts/feed.xml">Atom</a> · <a href="/api/v1/alerts/feed.json">JSON</a>
      </p>
    </div>
  );
}

export const panel: Panel = {
  id: 'alerts',
  titleKey: 'alerts.title',
  // the feed starts with the dashboard (not when the tab opens), so a new alert's toast shows
  // whatever panel is open; alertFeed is idempotent per context
  visible: (ctx) => {
    alertFeed(ctx);
    return true;
  },
  Component: AlertsPanel,
};
