/** Gantt of a plan version: one lane per satellite, acquisitions above, downlinks below. */
import type { AppContext } from '../../app/context.js';
import { useWidth } from '../../panel-kit/use-width.js';
import { diffVersions, ganttLanes } from './gantt.js';
import { detailsOf, type Versions } from './versions.js';

const WINDOW_MS = 24 * 3_600_000;
const BEFORE_MS = 2 * 3_600_000;
const LANE_H = 26;
const LABEL_W = 110;

export function Gantt(p: {
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
