/**
 * The satellites panel: a searchable list (keyboard alternative to clicking the map), and for
 * the selected satellite its details, its position at the shown time and its next passes over
 * every station (`GET /passes?station=&satellite=`).
 */
import { useContext, useEffect, useState } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import { OrbitsContext } from '../../map/orbits-context.js';

interface SatelliteDetail {
  id: string;
  catalogNumber: number;
  name: string;
  objectId: string;
  latestEpoch: string | null;
  elementSet: { epoch: string; line1: string; line2: string } | null;
}
interface Station {
  id: string;
  name: string;
}
interface Pass {
  stationId: string;
  satelliteId: string;
  aos: string;
  tca: string;
  los: string;
  maxElevationDeg: number;
}
interface SatelliteRef {
  id: string;
  name: string;
  periodMin: number;
  inclinationDeg: number;
}

const fmt = (v: number, digits: number) => v.toFixed(digits);

function useSatellites(): SatelliteRef[] {
  const layer = useContext(OrbitsContext);
  return (layer?.satellites() ?? []).map((s) => ({
    id: s.id,
    name: s.name,
    periodMin: s.periodMin,
    inclinationDeg: s.inclinationDeg,
  }));
}

function Details({ ctx, id }: { ctx: AppContext; id: string }) {
  const { t } = ctx;
  const [detail, setDetail] = useState<SatelliteDetail | null>(null);
  const [passes, setPasses] = useState<Array<Pass & { stationName: string }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Passes from now when live, else from the shown time (rounded to 10 min: the slider moves by
  // the minute, the list need not be fetched again each time).
  const startMs = ctx.time.live.value ? null : Math.floor(ctx.time.now.value / 600_000) * 600_000;
  const start = startMs === null ? undefined : new Date(startMs).toISOString();
  useEffect(() => {
    let stale = false;
    setDetail(null);
    setPasses(null);
    setError(null);
    void (async () => {
      try {
        const [d, stations] = await Promise.all([
          ctx.api.get<SatelliteDetail>(`/satellites/${encodeURIComponent(id)}`),
          ctx.api.get<Station[]>('/stations'),
        ]);
        if (stale) return;
        setDetail(d);
        const lists = await Promise.all(
          stations.map((s) =>
            ctx.api
              .get<{ passes: Pass[] }>('/passes', {
                station: s.id,
                satellite: id,
                hours: 24,
                start,
              })
              .then((r) => r.passes.map((x) => ({ ...x, stationName: s.name }))),
          ),
        );
        if (!stale) setPasses(lists.flat().sort((a, b) => a.aos.localeCompare(b.aos)));
      } catch (err) {
        if (!stale) setError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      stale = true;
    };
  }, [id, ctx.api, start]);
  const ref = useSatellites().find((s) => s.id === id);
  const chosen = ctx.selection.pass.value;
  const isSelected = (x: Pass) =>
    chosen !== null &&
    chosen.stationId === x.stationId &&
    chosen.satelliteId === x.satelliteId &&
    chosen.aos === x.aos;
  const shown = ctx.time.now.value;
  const layer = useContext(OrbitsContext);
  const here = layer?.position(id, shown) ?? null;
  const sensor = layer?.sensors().find((s) => s.satelliteId === id);
  return (
    <section aria-live="polite" data-testid="satellite-details">
      <div class="row">
        <h3>{detail?.name ?? ref?.name ?? id}</h3>
        <button
          type="button"
          onClick={() => (ctx.selection.satelliteId.value = null)}
          data-testid="satellite-deselect"
        >
          {t('satellites.deselect')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {t('shell.error', { message: error })}
        </p>
      )}
      <dl class="facts">
        {detail && (
          <>
            <dt>{t('satellites.catalog-number')}</dt>
            <dd>{detail.catalogNumber}</dd>
            <dt>{t('satellites.object-id')}</dt>
            <dd>{detail.objectId}</dd>
            <dt>{t('satellites.epoch')}</dt>
            <dd>{detail.elementSet ? ctx.formatTime(detail.elementSet.epoch) : '—'}</dd>
          </>
        )}
        {ref && (
          <>
            <dt>{t('satellites.period')}</dt>
            <dd>{t('satellites.minutes', { value: fmt(ref.periodMin, 1) })}</dd>
            <dt>{t('satellites.inclination')}</dt>
            <dd>{fmt(ref.inclinationDeg, 2)}°</dd>
          </>
        )}
        <dt>{t('satellites.sensor')}</dt>
        <dd>{sensor ? sensor.name : t('satellites.no-sensor')}</dd>
      </dl>
      {here && (
        <>
          <h4>
            {t('satellites.position')} · {ctx.formatTime(shown, { seconds: true })}
          </h4>
          <dl class="facts" data-testid="satellite-position">
            <dt>{t('satellites.latitude')}</dt>
            <dd>{fmt(here.latitudeDeg, 3)}°</dd>
            <dt>{t('satellites.longitude')}</dt>
            <dd>{fmt(here.longitudeDeg, 3)}°</dd>
            <dt>{t('satellites.altitude')}</dt>
            <dd>{fmt(here.altitudeKm, 1)} km</dd>
          </dl>
        </>
      )}
      <h4>
        {start
          ? t('satellites.passes-from', { start: ctx.formatTime(start) })
          : t('satellites.next-passes')}
      </h4>
      {passes === null && !error ? (
        <p class="muted">{t('shell.loading')}</p>
      ) : passes && passes.length === 0 ? (
        <p class="muted">{t('satellites.no-pass')}</p>
      ) : (
        <table class="table" data-testid="satellite-passes">
          <thead>
            <tr>
              <th scope="col">{t('satellites.station')}</th>
              <th scope="col">{t('satellites.aos')}</th>
              <th scope="col">{t('satellites.los')}</th>
              <th scope="col">{t('satellites.max-elevation')}</th>
            </tr>
          </thead>
          <tbody>
            {(passes ?? []).slice(0, 20).map((x) => (
              <tr
                key={`${x.stationId}-${x.aos}`}
                class={isSelected(x) ? 'selected' : undefined}
                aria-selected={isSelected(x)}
              >
                <td>
                  <button
                    type="button"
                    class="link"
                    onClick={() =>
                      (ctx.selection.pass.value = {
                        stationId: x.stationId,
                        satelliteId: x.satelliteId,
                        aos: x.aos,
                        los: x.los,
                      })
                    }
                    aria-label={t('satellites.select-pass', {
                      station: x.stationName,
                      aos: ctx.formatTime(x.aos),
                    })}
                  >
                    {x.stationName}
                  </button>
                </td>
                <td>{ctx.formatTime(x.aos)}</td>
                <td>{ctx.formatTime(x.los, { date: false })}</td>
                <td>{fmt(x.maxElevationDeg, 1)}°</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SatellitesPanel({ ctx }: { ctx: AppContext }) {
  const { t } = ctx;
  const [query, setQuery] = useState('');
  const all = useSatellites();
  const id = ctx.selection.satelliteId.value;
  const q = query.trim().toLowerCase();
  const list = q ? all.filter((s) => s.name.toLowerCase().includes(q)) : all;
  return (
    <div class="panel-satellites">
      {id ? <Details ctx={ctx} id={id} /> : <p class="muted">{t('satellites.none-selected')}</p>}
      <label class="block">
        {t('satellites.search')}
        <input
          type="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          data-testid="satellite-search"
        />
      </label>
      <p class="muted">{t('satellites.count', { count: list.length })}</p>
      <ul class="list" data-testid="satellite-list">
        {list.slice(0, 200).map((s) => (
          <li key={s.id}>
            <button
              type="button"
              class="link"
              aria-pressed={s.id === id}
              aria-label={t('satellites.select', { name: s.name })}
              onClick={() => (ctx.selection.satelliteId.value = s.id)}
            >
              {s.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const panel: Panel = {
  id: 'satellites',
  titleKey: 'satellites.title',
  visible: () => true,
  Component: SatellitesPanel,
};
