/**
 * Plans panel: Gantt per satellite of the latest version (acquisitions and downlinks) following
 * the shared clock, each nation's share against its entitlement, what the last version changed
 * (emergency displacements and the diff with the previous version); operators can run planning
 * and an emergency re-plan.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import type {
  List,
  PlanDetails,
  PlanDto,
  PlanVersionDetail,
  RequestDto,
} from '../../panel-kit/dto.js';
import { itemsOf } from '../../panel-kit/dto.js';
import { onScreen } from '../../panel-kit/onscreen.js';
import { Busy, ErrorBox } from '../../panel-kit/ui.js';
import { useLoad } from '../../panel-kit/use-load.js';
import { useWidth } from '../../panel-kit/use-width.js';
import { diffVersions, ganttLanes } from './gantt.js';

const WINDOW_MS = 24 * 3_600_000;
const BEFORE_MS = 2 * 3_600_000;
const LANE_H = 26;
const LABEL_W = 110;

function detailsOf(v: PlanVersionDetail | null): PlanDetails | null {
  return v?.version.details ?? v?.details ?? null;
}

interface Versions {
  plan: PlanDto;
  current: PlanVersionDetail;
  previous: PlanVersionDetail | null;
}

async function loadVersions(ctx: AppContext, plan: PlanDto): Promise<Versions> {
  const base = `/plans/${encodeURIComponent(plan.id)}/versions`;
  const n = plan.latestVersion;
  const [current, previous] = await Promise.all([
    ctx.api.get<PlanVersionDetail>(`${base}/${n}`),
    n > 1 ? ctx.api.get<PlanVersionDetail>(`${base}/${n - 1}`) : Promise.resolve(null),
  ]);
  return { plan, current, previous };
}

function Gantt(p: {
  ctx: AppContext;
  v: Versions;
  nowMs: number;
  titles: ReadonlyMap<string, string>;
}) {
  const { ctx, v, nowMs } = p;
  const [box, WIDTH] = useWidth<HTMLElement>();
  const start = nowMs - BEFORE_MS;
  const end = start + WINDOW_MS;
  const details = detailsOf(v.current);
  const displaced = new Set((details?.displaced ?? []).map((d) => d.acquisitionId));
  const diff = v.previous ? diffVersions(v.previous.acquisitions, v.current.acquisitions) : null;
  const movedReq = new Set([...(diff?.moved ?? []), ...(diff?.added ?? [])]);
  const changed = new Set([
    ...displaced,
    ...v.current.acquisitions
      .filter((a) => a.requestId && movedReq.has(a.requestId))
      .map((a) => a.id),
  ]);
  const lanes = ganttLanes(v.current.acquisitions, details?.downlinks ?? [], start, end, changed);
  const x = (f: number) => LABEL_W + f * (WIDTH - LABEL_W);
  const height = Math.max(1, lanes.length) * LANE_H + 20;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / 10_800_000) * 10_800_000; t < end; t += 10_800_000) ticks.push(t);
  return (
    <figure data-testid="plan-gantt" ref={box}>
      <figcaption>
        {ctx.t('plans.gantt.caption', {
          from: ctx.formatTime(start, { date: true }),
          to: ctx.formatTime(end, { date: true }),
        })}
      </figcaption>
      {lanes.length === 0 ? (
        <p>{ctx.t('plans.gantt.empty')}</p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          width="100%"
          role="group"
          aria-label={ctx.t('plans.gantt')}
        >
          {ticks.map((t) => {
            const tx = x((t - start) / WINDOW_MS);
            return (
              <g key={t}>
                <line x1={tx} x2={tx} y1={0} y2={lanes.length * LANE_H} class="tl-tick" />
                <text x={tx} y={lanes.length * LANE_H + 14} text-anchor="middle" class="tl-label">
                  {new Date(t).toISOString().slice(11, 16)}
                </text>
              </g>
            );
          })}
          {lanes.map((lane, i) => (
            <g key={lane.satelliteId}>
              <text x={4} y={i * LANE_H + LANE_H / 2 + 4} class="tl-station">
                {lane.satelliteId}
              </text>
              {lane.bars.map((b) => {
                const label =
                  b.kind === 'acquisition'
                    ? ctx.t('plans.acq', {
                        request: p.titles.get(b.label) ?? b.label,
                        satellite: lane.satelliteId,
                        start: ctx.formatTime(b.startMs),
                        end: ctx.formatTime(b.endMs),
                      })
                    : ctx.t('plans.dl', {
                        station: b.label,
                        satellite: lane.satelliteId,
                        start: ctx.formatTime(b.startMs),
                        end: ctx.formatTime(b.endMs),
                      });
                return (
                  <rect
                    key={b.key}
                    x={x(b.x)}
                    y={i * LANE_H + (b.kind === 'acquisition' ? 3 : LANE_H / 2 + 1)}
                    width={Math.max(2, b.w * (WIDTH - LABEL_W))}
                    height={LANE_H / 2 - 4}
                    class={`gantt-${b.kind}${b.changed ? ' changed' : ''}`}
                    data-testid={`gantt-${b.kind}`}
                    tabIndex={0}
                    aria-label={label}
                  >
                    <title>{label}</title>
                  </rect>
                );
              })}
            </g>
          ))}
          <line
            x1={x(BEFORE_MS / WINDOW_MS)}
            x2={x(BEFORE_MS / WINDOW_MS)}
            y1={0}
            y2={lanes.length * LANE_H}
            class="tl-now"
          />
        </svg>
      )}
    </figure>
  );
}

function Nations(p: { ctx: AppContext; details: PlanDetails | null }) {
  const { ctx, details } = p;
  if (!details) return <p>{ctx.t('plans.nations.none')}</p>;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return (
    <section data-testid="plan-nations">
      <h3>{ctx.t('plans.nations')}</h3>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{ctx.t('plans.col.nation')}</th>
            <th scope="col">{ctx.t('plans.col.entitlement')}</th>
            <th scope="col">{ctx.t('plans.col.share')}</th>
            <th scope="col">{ctx.t('plans.col.satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(details.nations).map(([n, v]) => (
            <tr key={n}>
              <th scope="row">{ctx.t(`plans.common.nation.${n}`)}</th>
              <td>{pct(v.entitlement)}</td>
              <td>
                <span
                  class="bar"
                  style={{ width: `${Math.min(100, v.share * 100)}%` }}
                  aria-hidden="true"
                />
                {pct(v.share)}
              </td>
              <td>{pct(v.satisfaction)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {ctx.t('plans.value', {
          value: details.value.toFixed(2),
          bound: details.bound === null ? '—' : details.bound.toFixed(2),
        })}
      </p>
    </section>
  );
}

function Changes(p: { ctx: AppContext; v: Versions; titles: ReadonlyMap<string, string> }) {
  const { ctx, v } = p;
  const name = (id: string) => p.titles.get(id) ?? id;
  const details = detailsOf(v.current);
  const displaced = details?.displaced ?? [];
  const join = (xs: readonly string[]) => xs.map(name).join(', ');
  if (!v.previous) return <p>{ctx.t('plans.changes.first')}</p>;
  const d = diffVersions(v.previous.acquisitions, v.current.acquisitions);
  const none = displaced.length + d.added.length + d.removed.length + d.moved.length === 0;
  return (
    <section data-testid="plan-changes">
      <h3>{ctx.t('plans.changes')}</h3>
      <ul>
        {displaced.length > 0 && (
          <li>
            {ctx.t('plans.changes.displaced', { list: join(displaced.map((x) => x.requestId)) })}
          </li>
        )}
        {d.added.length > 0 && <li>{ctx.t('plans.changes.added', { list: join(d.added) })}</li>}
        {d.removed.length > 0 && (
          <li>{ctx.t('plans.changes.removed', { list: join(d.removed) })}</li>
        )}
        {d.moved.length > 0 && <li>{ctx.t('plans.changes.moved', { list: join(d.moved) })}</li>}
        {none && <li>{ctx.t('plans.changes.none')}</li>}
      </ul>
    </section>
  );
}

interface JobLite {
  id: string;
  status: string;
  progress: number;
  progressMessage: string | null;
}

function Operations(p: { ctx: AppContext; plan: PlanDto | null; onChanged(): void }) {
  const { ctx, plan } = p;
  const [reason, setReason] = useState(ctx.t('plans.run.defaultReason'));
  const [job, setJob] = useState<JobLite | null>(null);
  const [requestId, setRequestId] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const candidates = useLoad(
    () =>
      ctx.api.get<List<RequestDto>>('/requests', {
        status: 'submitted,feasible,planned',
        limit: 200,
      }),
    [],
  );
  useEffect(() => {
    if (!job || ['succeeded', 'failed', 'cancelled'].includes(job.status)) return;
    const timer = setTimeout(() => {
      ctx.api.get<JobLite>(`/jobs/${encodeURIComponent(job.id)}`).then(
        (j) => {
          setJob(j);
          if (j.status === 'succeeded') p.onChanged();
        },
        (e: unknown) => setError(e),
      );
    }, 1000);
    return () => clearTimeout(timer);
  }, [job]);
  const run = async () => {
    setError(null);
    try {
      setJob(await ctx.api.post<JobLite>('/jobs', { type: 'planning', params: { reason } }));
    } catch (e) {
      setError(e);
    }
  };
  const emergency = async () => {
    if (!plan || !requestId) return;
    setError(null);
    try {
      const v = await ctx.api.post<PlanVersionDetail>(
        `/plans/${encodeURIComponent(plan.id)}/emergency`,
        { requestId, reason },
      );
      setNote(
        ctx.t('plans.emergency.done', {
          n: v.version.version,
          count: detailsOf(v)?.displaced?.length ?? 0,
        }),
      );
      p.onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="plan-ops" data-testid="plan-ops">
      <label>
        {ctx.t('plans.run.reason')}{' '}
        <input
          value={reason}
          maxLength={1000}
          onInput={(e) => setReason((e.target as HTMLInputElement).value)}
        />
      </label>{' '}
      <button
        type="button"
        data-testid="plan-run"
        disabled={!reason.trim()}
        onClick={() => void run()}
      >
        {ctx.t('plans.run')}
      </button>
      {job && (
        <p role="status">
          {ctx.t('plans.run.status', {
            id: job.id,
            status: job.status,
            percent: Math.round(job.progress * 100),
            message: job.progressMessage ?? '',
          })}
        </p>
      )}
      {plan && (
        <fieldset>
          <legend>{ctx.t('plans.emergency')}</legend>
          <label>
            {ctx.t('plans.emergency.request')}{' '}
            <select
              value={requestId}
              onChange={(e) => setRequestId((e.target as HTMLSelectElement).value)}
            >
              <option value="">{ctx.t('plans.emergency.pick')}</option>
              {itemsOf(candidates.data).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title} ({r.ownerNation}, P{r.priority})
                </option>
              ))}
            </select>
          </label>{' '}
          <button
            type="button"
            disabled={!requestId || !reason.trim()}
            onClick={() => void emergency()}
          >
            {ctx.t('plans.emergency.go')}
          </button>
        </fieldset>
      )}
      {note && <p role="status">{note}</p>}
      <ErrorBox ns="plans" ctx={ctx} error={error ?? candidates.error} />
    </section>
  );
}

function PlansPanel({ ctx }: { ctx: AppContext }) {
  const nowMs = ctx.time.now.value;
  const plans = useLoad(() => ctx.api.get<PlanDto[]>('/plans'), []);
  const [planId, setPlanId] = useState<string | null>(null);
  const all = itemsOf(plans.data)
    .slice()
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const plan = all.find((x) => x.id === planId) ?? all[0] ?? null;
  const versions = useLoad(
    () => (plan ? loadVersions(ctx, plan) : Promise.resolve(null)),
    [plan?.id, plan?.latestVersion],
  );
  useEffect(() => {
    const off = ctx.live.onEvent((e) => {
      if (e.type === 'plan.version') plans.reload();
    });
    return off;
  }, []);
  useEffect(() => {
    onScreen(ctx).plan.value = versions.data?.current ?? null;
  }, [versions.data]);
  const v = versions.data;
  // request titles, to name requests in the Gantt and the changes (ids when not visible)
  const requests = useLoad(
    () => ctx.api.get<List<RequestDto>>('/requests', { limit: 500 }),
    [v?.current.version.version],
  );
  const titles = new Map((requests.data?.items ?? []).map((r) => [r.id, r.title]));
  return (
    <div class="panel plans-panel" data-testid="panel-plans">
      <Busy ns="plans" ctx={ctx} when={plans.loading || versions.loading} />
      <ErrorBox ns="plans" ctx={ctx} error={plans.error ?? versions.error} retry={plans.reload} />
      {plans.data && all.length === 0 && <p>{ctx.t('plans.none')}</p>}
      {all.length > 1 && (
        <label>
          {ctx.t('plans.pick')}{' '}
          <select
            value={plan?.id ?? ''}
            onChange={(e) => setPlanId((e.target as HTMLSelectElement).value)}
          >
            {all.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {v && (
        <>
          <p>
            {ctx.t('plans.version', {
              n: v.current.version.version,
              total: v.plan.latestVersion,
              at: ctx.formatTime(v.current.version.createdAt, { date: true }),
              by: v.current.version.createdBy,
              reason: v.current.version.reason,
            })}
          </p>
          <Gantt ctx={ctx} v={v} nowMs={nowMs} titles={titles} />
          <Nations ctx={ctx} details={detailsOf(v.current)} />
          <Changes ctx={ctx} v={v} titles={titles} />
        </>
      )}
      {ctx.may('plan') && <Operations ctx={ctx} plan={plan} onChanged={plans.reload} />}
    </div>
  );
}

export const panel: Panel = {
  id: 'plans',
  titleKey: 'plans.title',
  visible: () => true,
  Component: PlansPanel,
};
