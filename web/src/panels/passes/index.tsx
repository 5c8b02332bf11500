/**
 * Passes panel: a timeline of the next 24 h per national station following the shared clock,
 * the sky plot of the selected pass (computed here with satellite.js) and pass reminders.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import {
  itemsOf,
  type Pass,
  type PassesAnswer,
  type SatelliteDetail,
  type Station,
} from '../../panel-kit/dto.js';
import { onScreen } from '../../panel-kit/onscreen.js';
import { Busy, ErrorBox } from '../../panel-kit/ui.js';
import { useLoad } from '../../panel-kit/use-load.js';
import { useWidth } from '../../panel-kit/use-width.js';
import { reminders } from './reminders.js';
import { skyTrack } from './sky-browser.js';
import type { SkyPoint } from './sky.js';
import { SkyPlot } from './SkyPlot.js';
import { fractionAt, hourTicks, windowStart } from './timeline.js';

const HOURS = 24;
const NATIONAL = ['bamako', 'ouagadougou', 'niamey'];
const ROW_H = 30;
const LABEL_W = 96;

interface StationPasses {
  station: Station;
  passes: Pass[];
}

const LONG_PASS_S = 3 * 3600;

function sortLongFirst(passes: readonly Pass[]): Pass[] {
  return [...passes].sort(
    (a, b) => Number(b.durationS > LONG_PASS_S) - Number(a.durationS > LONG_PASS_S),
  );
}

function passKey(p: { stationId: string; satelliteId: string; aos: string }): string {
  return `${p.stationId}/${p.satelliteId}/${p.aos}`;
}

function Timeline(p: {
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

function SkyView(p: { ctx: AppContext; pass: Pass; station: Station; nowMs: number }) {
  const { ctx, pass, station } = p;
  const sat = useLoad(
    () => ctx.api.get<SatelliteDetail>(`/satellites/${encodeURIComponent(pass.satelliteId)}`),
    [pass.satelliteId],
  );
  const computed = useMemo((): { track: SkyPoint[] } | { error: string } | null => {
    const es = sat.data?.elementSet;
    if (!sat.data) return null;
    if (!es) return { error: ctx.t('passes.sky.noElements') };
    try {
      const a = Date.parse(pass.aos);
      const b = Date.parse(pass.los);
      const step = Math.max(2, Math.min(30, (b - a) / 1000 / 120));
      return { track: skyTrack([es.line1, es.line2], station, a, b, step) };
    } catch (e) {
      return { error: ctx.t('passes.sky.error', { message: (e as Error).message }) };
    }
  }, [sat.data, pass.aos, pass.los, station]);
  return (
    <section aria-labelledby="sky-h">
      <h3 id="sky-h">{ctx.t('passes.sky.title')}</h3>
      <Busy ns="passes" ctx={ctx} when={sat.loading} />
      <ErrorBox ns="passes" ctx={ctx} error={sat.error} retry={sat.reload} />
      {computed && 'error' in computed && (
        <p class="panel-error" role="alert">
          {computed.error}
        </p>
      )}
      {computed && 'track' in computed && (
        <SkyPlot
          ctx={ctx}
          track={computed.track}
          nowMs={p.nowMs}
          caption={ctx.t('passes.sky.caption', {
            satellite: pass.satelliteName,
            station: station.name,
            aos: ctx.formatTime(pass.aos),
            los: ctx.formatTime(pass.los),
            maxEl: pass.maxElevationDeg.toFixed(1),
          })}
        />
      )}
    </section>
  );
}

function ReminderBox(p: { ctx: AppContext; pass: Pass; station: Station }) {
  const { ctx } = p;
  const store = reminders(ctx);
  const [lead, setLead] = useState(10);
  const [note, setNote] = useState<string | null>(null);
  const existing = store.list.value.find((r) => r.key === passKey(p.pass));
  return (
    <section aria-labelledby="rem-h" class="reminder">
      <h3 id="rem-h">{ctx.t('passes.reminder.title')}</h3>
      <label>
        {ctx.t('passes.reminder.lead')}{' '}
        <input
          type="number"
          min={0}
          max={1440}
          step={1}
          value={lead}
          data-testid="reminder-lead"
          onInput={(e) => setLead(Math.max(0, Number((e.target as HTMLInputElement).value) || 0))}
        />
      </label>{' '}
      {existing ? (
        <button type="button" onClick={() => store.remove(existing.key)}>
          {ctx.t('passes.reminder.cancel')}
        </button>
      ) : (
        <button
          type="button"
          data-testid="reminder-set"
          onClick={() => {
            const ok = store.add(p.pass, p.station.name, lead);
            setNote(
              !ok
                ? ctx.t('passes.reminder.past')
                : typeof Notification !== 'undefined' && Notification.permission === 'denied'
                  ? ctx.t('passes.reminder.denied')
                  : null,
            );
          }}
        >
          {ctx.t('passes.reminder.set')}
        </button>
      )}
      {note && <p role="status">{note}</p>}
      {store.list.value.length > 0 && (
        <>
          <h4>{ctx.t('passes.reminder.list')}</h4>
          <ul data-testid="reminder-list">
            {store.list.value.map((r) => (
              <li key={r.key}>
                {ctx.t('passes.reminder.item', {
                  satellite: r.satelliteName,
                  station: r.stationName,
                  aos: ctx.formatTime(r.aos),
                  lead: r.leadMin,
                })}{' '}
                <button type="button" onClick={() => store.remove(r.key)}>
                  {ctx.t('passes.reminder.cancel')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function PassesPanel({ ctx }: { ctx: AppContext }) {
  const nowMs = ctx.time.now.value;
  const startMs = windowStart(nowMs);
  const endMs = startMs + HOURS * 3_600_000;
  const stations = useLoad(() => ctx.api.get<Station[]>('/stations'), []);
  const shown = useMemo(() => {
    const all = itemsOf(stations.data);
    const national = all.filter((s) => NATIONAL.includes(s.id));
    return national.length > 0 ? national : all;
  }, [stations.data]);
  const passes = useLoad(async (): Promise<StationPasses[]> => {
    const start = new Date(startMs).toISOString();
    return Promise.all(
      shown.map(async (station) => {
        const a = await ctx.api.get<PassesAnswer>('/passes', {
          station: station.id,
          hours: HOURS,
          start,
        });
        return { station, passes: a.passes };
      }),
    );
  }, [startMs, shown]);
  useEffect(() => {
    if (!passes.data) return;
    onScreen(ctx).passes.value = {
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
      passes: passes.data.flatMap((r) => r.passes),
    };
  }, [passes.data]);
  const sel = ctx.selection.pass.value;
  const selKey = sel ? passKey(sel) : null;
  const selPass =
    passes.data?.flatMap((r) => r.passes).find((ps) => passKey(ps) === selKey) ?? null;
  const selStation = selPass ? shown.find((s) => s.id === selPass.stationId) : undefined;
  const total = passes.data?.reduce((n, r) => n + r.passes.length, 0) ?? 0;
  return (
    <div class="panel passes-panel" data-testid="panel-passes">
      <h2>{ctx.t('passes.heading', { start: ctx.formatTime(startMs, { date: true }) })}</h2>
      <Busy ns="passes" ctx={ctx} when={stations.loading || passes.loading} />
      <ErrorBox
        ns="passes"
        ctx={ctx}
        error={stations.error ?? passes.error}
        retry={() => (stations.error ? stations.reload() : passes.reload())}
      />
      {passes.data && (
        <>
          <p aria-live="polite">
            {total === 0 ? ctx.t('passes.none') : ctx.t('passes.count', { n: total })}
          </p>
          <Timeline
            ctx={ctx}
            rows={passes.data}
            startMs={startMs}
            endMs={endMs}
            nowMs={nowMs}
            selected={selKey}
            onSelect={(ps) => {
              ctx.selection.pass.value = {
                stationId: ps.stationId,
                satelliteId: ps.satelliteId,
                aos: ps.aos,
                los: ps.los,
              };
            }}
          />
        </>
      )}
      {selPass && selStation ? (
        <>
          <SkyView ctx={ctx} pass={selPass} station={selStation} nowMs={nowMs} />
          <ReminderBox ctx={ctx} pass={selPass} station={selStation} />
        </>
      ) : (
        <p>{ctx.t('passes.sky.select')}</p>
      )}
    </div>
  );
}

export const panel: Panel = {
  id: 'passes',
  titleKey: 'passes.title',
  visible: () => true,
  Component: PassesPanel,
};
