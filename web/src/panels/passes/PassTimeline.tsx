/** The passes timeline: one row per station, a bar per pass, the shown instant as a line. */
import type { AppContext } from '../../app/context.js';
import type { Pass, Station } from '../../panel-kit/dto.js';
import { useWidth } from '../../panel-kit/use-width.js';
import { fractionAt, hourTicks } from './timeline.js';

const ROW_H = 30;
const LABEL_W = 96;

export interface StationPasses {
  station: Station;
  passes: Pass[];
}

const LONG_PASS_S = 3 * 3600;

function sortLongFirst(passes: readonly Pass[]): Pass[] {
  return [...passes].sort(
    (a, b) => Number(b.durationS > LONG_PASS_S) - Number(a.durationS > LONG_PASS_S),
  );
}

export function passKey(p: { stationId: string; satelliteId: string; aos: string }): string {
  return `${p.stationId}/${p.satelliteId}/${p.aos}`;
}

export function Timeline(p: {
  ctx: AppContext;
  rows: StationPasses[];
  startMs: number;
  endMs: number;
  nowMs: number;
  selected: string | null;
  onSelect(pass: Pass): void;
}) {
  const { ctx, rows, startMs, endMs } = p;
  const [box, WIDTH] = useWidth<HTMLDivElement>();
  const x = (ms: number) => LABEL_W + fractionAt(ms, startMs, endMs) * (WIDTH - LABEL_W);
  const height = rows.length * ROW_H + 24;
  return (
    <div class="passes-timeline" data-testid="passes-timeline" ref={box}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        role="group"
        aria-label={ctx.t('passes.title')}
      >
        {hourTicks(startMs, endMs).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={rows.length * ROW_H} class="tl-tick" />
            <text x={x(t)} y={rows.length * ROW_H + 16} text-anchor="middle" class="tl-label">
              {new Date(t).toISOString().slice(11, 16)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => (
          <g key={r.station.id}>
            <text x={4} y={i * ROW_H + ROW_H / 2 + 4} class="tl-station">
              {r.station.name}
            </text>
            {sortLongFirst(r.passes).map((ps) => {
              // geostationary and other very long visibilities: a thin band under the row, so
              // the passes of low satellites stay visible and clickable above it
              const long = ps.durationS > LONG_PASS_S;
              const a = x(Date.parse(ps.aos));
              const w = Math.max(3, x(Date.parse(ps.los)) - a);
              const k = passKey(ps);
              const label = ctx.t('passes.pass', {
                satellite: ps.satelliteName,
                station: r.station.name,
                aos: ctx.formatTime(ps.aos),
                tca: ctx.formatTime(ps.tca),
                los: ctx.formatTime(ps.los),
                maxEl: ps.maxElevationDeg.toFixed(1),
                minutes: (ps.durationS / 60).toFixed(1),
              });
              return (
                <rect
                  key={k}
                  x={a}
                  y={long ? i * ROW_H + ROW_H - 8 : i * ROW_H + 4}
                  width={w}
                  height={long ? 4 : ROW_H - 12}
                  class={`tl-pass${long ? ' long' : ''}${k === p.selected ? ' selected' : ''}`}
                  data-flags={ps.flags.join(' ')}
                  data-aos={ps.aos}
                  style={{ opacity: 0.45 + Math.min(0.55, ps.maxElevationDeg / 90) }}
                  tabIndex={0}
                  role="button"
                  aria-label={label}
                  aria-pressed={k === p.selected}
                  data-testid="pass-bar"
                  onClick={() => p.onSelect(ps)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      p.onSelect(ps);
                    }
                  }}
                >
                  <title>{label}</title>
                </rect>
              );
            })}
          </g>
        ))}
        <line
          x1={x(p.nowMs)}
          x2={x(p.nowMs)}
          y1={0}
          y2={rows.length * ROW_H}
          class="tl-now"
          aria-label={ctx.t('passes.now')}
        />
      </svg>
    </div>
  );
}
