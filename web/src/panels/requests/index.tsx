/**
 * Requests panel: the new-request form (for roles that may create requests) and the list of
 * visible requests, filtered by status and nation, each with its feasibility; live updates from
 * the server's `request.*` events.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import {
  NATIONS,
  REQUEST_STATUSES,
  type Feasibility,
  type List,
  type RequestDto,
} from '../../panel-kit/dto.js';
import { errorText, isUnavailable } from '../../panel-kit/errors.js';
import { onScreen } from '../../panel-kit/onscreen.js';
import { Busy, ErrorBox } from '../../panel-kit/ui.js';
import { useLoad } from '../../panel-kit/use-load.js';
import { feasibilityShort } from './FeasibilityView.js';
import { bboxOf } from './polygon.js';
import { RequestForm } from './RequestForm.js';

const LIST_OVERLAY = 'requests-list';
const FEASIBILITY_STATUSES = new Set(['submitted', 'feasible', 'infeasible', 'planned']);

type FeasEntry = { f: Feasibility } | { error: string };

function RequestList({ ctx }: { ctx: AppContext }) {
  const [status, setStatus] = useState('');
  const [nation, setNation] = useState('');
  const list = useLoad(
    () =>
      ctx.api.get<List<RequestDto>>('/requests', {
        status: status || undefined,
        nation: nation || undefined,
        limit: 200,
      }),
    [status, nation],
  );
  const [feas, setFeas] = useState<Record<string, FeasEntry>>({});
  const asked = useRef(new Map<string, number>());
  const unavailable = useRef(false);

  // live: any request event reloads the list (debounced) and forgets that request's feasibility
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a changed request comes back with a new version, which asks its feasibility again
    const off = ctx.live.onEvent((e) => {
      if (!e.type.startsWith('request.')) return;
      clearTimeout(timer);
      timer = setTimeout(list.reload, 300);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);

  // feasibility of the listed requests that have one, fetched once per request version
  useEffect(() => {
    const items = list.data?.items ?? [];
    onScreen(ctx).requests.value = items;
    ctx.setOverlay(
      LIST_OVERLAY,
      {
        type: 'FeatureCollection',
        features: items.map((r) => ({
          type: 'Feature',
          properties: { label: r.title, status: r.status },
          geometry: r.aoi,
        })),
      },
      { fill: '#1c7ed6', line: '#1c7ed6', circle: '#1c7ed6', label: '#eef3f6' },
    );
    let cancelled = false;
    void (async () => {
      for (const r of items.slice(0, 60)) {
        if (cancelled || unavailable.current) return;
        if (!FEASIBILITY_STATUSES.has(r.status) || asked.current.get(r.id) === r.version) continue;
        asked.current.set(r.id, r.version);
        // an answer is kept even when the list reloaded meanwhile, unless a newer version was asked
        const keep = (entry: FeasEntry) => {
          if (asked.current.get(r.id) === r.version) setFeas((old) => ({ ...old, [r.id]: entry }));
        };
        try {
          keep({
            f: await ctx.api.get<Feasibility>(`/requests/${encodeURIComponent(r.id)}/feasibility`),
          });
        } catch (e) {
          keep({ error: errorText(ctx, e, 'requests') });
          if (isUnavailable(e)) unavailable.current = true; // absent for every request
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [list.data]);

  useEffect(() => () => ctx.clearOverlay(LIST_OVERLAY), []);

  return (
    <section aria-labelledby="req-list-h" data-testid="request-list">
      <h3 id="req-list-h">{ctx.t('requests.list')}</h3>
      <div class="filters">
        <label>
          {ctx.t('requests.filter.status')}{' '}
          <select
            value={status}
            data-testid="filter-status"
            onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}
          >
            <option value="">{ctx.t('requests.filter.all')}</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ctx.t(`requests.status.${s}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {ctx.t('requests.filter.nation')}{' '}
          <select
            value={nation}
            data-testid="filter-nation"
            onChange={(e) => setNation((e.target as HTMLSelectElement).value)}
          >
            <option value="">{ctx.t('requests.filter.all')}</option>
            {NATIONS.map((n) => (
              <option key={n} value={n}>
                {ctx.t(`requests.common.nation.${n}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Busy ns="requests" ctx={ctx} when={list.loading} />
      <ErrorBox ns="requests" ctx={ctx} error={list.error} retry={list.reload} />
      {list.data && (
        <>
          <p aria-live="polite">{ctx.t('requests.total', { n: list.data.total })}</p>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('requests.col.title')}</th>
                <th scope="col">{ctx.t('requests.col.status')}</th>
                <th scope="col">{ctx.t('requests.col.nation')}</th>
                <th scope="col">{ctx.t('requests.col.priority')}</th>
                <th scope="col">{ctx.t('requests.col.window')}</th>
                <th scope="col">{ctx.t('requests.col.feasibility')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => {
                const fe = feas[r.id];
                return (
                  <tr key={r.id} data-testid="request-row" data-request-id={r.id}>
                    <td>
                      <button
                        type="button"
                        class="link"
                        title={ctx.t('requests.show')}
                        onClick={() => {
                          const bb = bboxOf((r.aoi as { coordinates?: unknown }).coordinates);
                          if (bb)
                            ctx.fitBounds(
                              bb[0] === bb[2]
                                ? [bb[0] - 0.3, bb[1] - 0.3, bb[2] + 0.3, bb[3] + 0.3]
                                : bb,
                            );
                        }}
                      >
                        {r.title}
                      </button>
                    </td>
                    <td data-testid="request-status">{ctx.t(`requests.status.${r.status}`)}</td>
                    <td>{r.ownerNation}</td>
                    <td>{r.priority}</td>
                    <td>
                      {ctx.formatTime(r.window.start, { date: true })} –{' '}
                      {ctx.formatTime(r.window.end, { date: true })}
                    </td>
                    <td data-testid="request-feasibility">
                      {fe
                        ? 'f' in fe
                          ? feasibilityShort(ctx, fe.f)
                          : fe.error
                        : FEASIBILITY_STATUSES.has(r.status)
                          ? '…'
                          : ctx.t('requests.feasibility.unknown')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function RequestsPanel({ ctx }: { ctx: AppContext }) {
  const [key, setKey] = useState(0);
  return (
    <div class="panel requests-panel">
      {ctx.may('create requests') && (
        <RequestForm ctx={ctx} onCreated={() => setKey((k) => k + 1)} />
      )}
      <RequestList key={key} ctx={ctx} />
    </div>
  );
}

export const panel: Panel = {
  id: 'requests',
  titleKey: 'requests.title',
  visible: () => true,
  Component: RequestsPanel,
};
