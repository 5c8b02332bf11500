/** The selected pass: its sky plot (computed here) and its reminder. */
import { useMemo, useState } from 'preact/hooks';
import type { AppContext } from '../../app/context.js';
import type { Pass, SatelliteDetail, Station } from '../../panel-kit/dto.js';
import { Busy, ErrorBox } from '../../panel-kit/ui.js';
import { useLoad } from '../../panel-kit/use-load.js';
import { reminders } from './reminders.js';
import { skyTrack } from './sky-browser.js';
import type { SkyPoint } from './sky.js';
import { SkyPlot } from './SkyPlot.js';
import { passKey } from './PassTimeline.js';

export function SkyView(p: { ctx: AppContext; pass: Pass; station: Station; nowMs: number }) {
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

export function ReminderBox(p: { ctx: AppContext; pass: Pass; station: Station }) {
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
