/**
 * Passes panel: a timeline of the next 24 h per national station following the shared clock,
 * the sky plot of the selected pass (computed here with satellite.js) and pass reminders.
 */
import { useEffect, useMemo } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import { itemsOf, type PassesAnswer, type Station } from '../../panel-kit/dto.js';
import { onScreen } from '../../panel-kit/onscreen.js';
import { Busy, ErrorBox } from '../../panel-kit/ui.js';
import { useLoad } from '../../panel-kit/use-load.js';
import { ReminderBox, SkyView } from './PassDetails.js';
import { Timeline, passKey, type StationPasses } from './PassTimeline.js';
import { windowStart } from './timeline.js';

const HOURS = 24;
const NATIONAL = ['bamako', 'ouagadougou', 'niamey'];

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
    <div class="panel passes-panel">
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
