/**
 * The link panel's availability map: starts the `availability-map` job of the server for the
 * link of the form (POST /telecom/availability-maps), follows its progress, and draws the result
 * as a MapLibre image source (the server's Web Mercator PNG, corners from the answer) with its
 * legend, a toggle and an opacity. A new map replaces the previous one; leaving the panel removes it.
 */
import type { ImageSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppContext } from '../../app/context.js';
import { ErrorBox } from '../../panel-kit/ui.js';

export const MAP_SOURCE = 'link-availability';
export const MAP_LAYER = 'link-availability-raster';
/** Drawn under the stations and satellites, like the panels' overlays. */
const BELOW = 'station-circles-line';

export interface MapView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  progressMessage: string | null;
  error: { code: string; message: string } | null;
  result: null | {
    requiredAvailabilityPercent: number;
    modcod: string;
    acm: boolean;
    sites: number;
    notVisible: number;
    summary: {
      minAvailabilityPercent: number | null;
      medianAvailabilityPercent: number | null;
      maxAvailabilityPercent: number | null;
      shareMeetingRequirement: number | null;
    };
    legend: Array<{
      fromPercent: number;
      toPercent: number;
      colour: string;
      meetsRequirement: boolean;
    }>;
    bounds: { west: number; east: number; north: number; south: number };
    png: { url: string; webMercatorUrl: string; coordinates: number[][] };
    geojson: { url: string };
  };
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** Removes the map layer and its source, if present. */
export function removeMapLayer(map: MapLibreMap): void {
  try {
    if (map.getLayer(MAP_LAYER)) map.removeLayer(MAP_LAYER);
    if (map.getSource(MAP_SOURCE)) map.removeSource(MAP_SOURCE);
  } catch {
    // the map itself is gone (signed out): nothing left to remove
  }
}

function showMapLayer(map: MapLibreMap, v: MapView, opacity: number, visible: boolean): void {
  const r = v.result!;
  removeMapLayer(map);
  map.addSource(MAP_SOURCE, {
    type: 'image',
    url: r.png.webMercatorUrl,
    coordinates: r.png.coordinates as ImageSource['coordinates'],
  });
  map.addLayer(
    {
      id: MAP_LAYER,
      type: 'raster',
      source: MAP_SOURCE,
      layout: { visibility: visible ? 'visible' : 'none' },
      paint: {
        'raster-opacity': opacity,
        'raster-resampling': 'nearest',
        'raster-fade-duration': 0,
      },
    },
    map.getLayer(BELOW) ? BELOW : undefined,
  );
}

const pct = (x: number | null, d = 2) => (x === null ? '—' : x.toFixed(d));
/** A percentage as the language writes it (decimal comma in French). */
const num = (ctx: AppContext, x: number) =>
  ctx.lang.value === 'fr' ? String(x).replace('.', ',') : String(x);

export function AvailabilityMap(p: {
  ctx: AppContext;
  link: () => Record<string, unknown> | null;
}) {
  const { ctx } = p;
  const [area, setArea] = useState<'countries' | 'bbox'>('countries');
  const [bbox, setBbox] = useState('-8.5,12,-7,13.5');
  const [resolution, setResolution] = useState('0.1');
  const [terminal, setTerminal] = useState<'receiver' | 'transmitter'>('receiver');
  const [view, setView] = useState<MapView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [shown, setShown] = useState(true);
  const [opacity, setOpacity] = useState(0.7);
  const polling = useRef<number | null>(null);
  const running = view !== null && !FINISHED.has(view.status);

  const stopPolling = () => {
    if (polling.current !== null) window.clearTimeout(polling.current);
    polling.current = null;
  };
  useEffect(
    () => () => {
      stopPolling();
      removeMapLayer(ctx.map);
    },
    [],
  );

  const follow = (id: string) => {
    const tick = async () => {
      try {
        const v = await ctx.api.get<MapView>(`/telecom/availability-maps/${id}`);
        setView(v);
        if (!FINISHED.has(v.status)) {
          polling.current = window.setTimeout(() => void tick(), 500);
          return;
        }
        polling.current = null;
        if (v.status === 'succeeded' && v.result) {
          showMapLayer(ctx.map, v, opacity, true);
          setShown(true);
          const b = v.result.bounds;
          ctx.fitBounds([b.west, b.south, b.east, b.north]);
        }
      } catch (e) {
        polling.current = null;
        setError(e);
      }
    };
    void tick();
  };

  const start = async () => {
    setError(null);
    setLocal(null);
    const link = p.link();
    if (!link) return;
    const body: Record<string, unknown> = { link, terminal };
    const step = Number(resolution.replace(',', '.'));
    if (!Number.isFinite(step)) {
      setLocal(ctx.t('link.map.badNumber', { field: ctx.t('link.map.resolution') }));
      return;
    }
    body.resolutionDeg = step;
    if (area === 'bbox') {
      const xs = bbox.split(',').map((x) => Number(x.trim()));
      if (xs.length !== 4 || xs.some((x) => !Number.isFinite(x))) {
        setLocal(ctx.t('link.map.badBbox'));
        return;
      }
      body.bbox = xs;
    }
    stopPolling();
    removeMapLayer(ctx.map);
    setView(null);
    try {
      const v = await ctx.api.post<MapView>('/telecom/availability-maps', body);
      setView(v);
      follow(v.id);
    } catch (e) {
      setError(e);
    }
  };

  const cancel = async () => {
    if (!view) return;
    try {
      await ctx.api.post(`/jobs/${view.id}/cancel`);
    } catch (e) {
      setError(e);
    }
  };

  const r = view?.status === 'succeeded' ? view.result : null;
  return (
    <section class="link-map" data-testid="link-map">
      <h3>{ctx.t('link.map.title')}</h3>
      <p>{ctx.t('link.map.intro')}</p>
      <div class="field">
        <label for="link-map-area">{ctx.t('link.map.area')}</label>
        <select
          id="link-map-area"
          value={area}
          onChange={(e) => setArea((e.target as HTMLSelectElement).value as 'countries' | 'bbox')}
        >
          <option value="countries">{ctx.t('link.map.countries')}</option>
          <option value="bbox">{ctx.t('link.map.box')}</option>
        </select>
      </div>
      {area === 'bbox' && (
        <div class="field">
          <label for="link-map-bbox">{ctx.t('link.map.bbox')}</label>
          <input
            id="link-map-bbox"
            value={bbox}
            onInput={(e) => setBbox((e.target as HTMLInputElement).value)}
          />
        </div>
      )}
      <div class="field">
        <label for="link-map-resolution">{ctx.t('link.map.resolution')}</label>
        <input
          id="link-map-resolution"
          inputMode="decimal"
          value={resolution}
          onInput={(e) => setResolution((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="link-map-terminal">{ctx.t('link.map.terminal')}</label>
        <select
          id="link-map-terminal"
          value={terminal}
          onChange={(e) =>
            setTerminal((e.target as HTMLSelectElement).value as 'receiver' | 'transmitter')
          }
        >
          <option value="receiver">{ctx.t('link.map.terminal.receiver')}</option>
          <option value="transmitter">{ctx.t('link.map.terminal.transmitter')}</option>
        </select>
      </div>
      <button
        type="button"
        disabled={running}
        onClick={() => void start()}
        data-testid="link-map-start"
      >
        {ctx.t('link.map.start')}
      </button>
      {running && (
        <div class="link-map-progress" data-testid="link-map-progress">
          <progress max={1} value={view.progress} aria-label={ctx.t('link.map.progress')} />{' '}
          <span>
            {view.status === 'queued'
              ? ctx.t('link.map.queued')
              : ctx.t('link.map.running', { percent: Math.round(view.progress * 100) })}
          </span>{' '}
          <button type="button" onClick={() => void cancel()} data-testid="link-map-cancel">
            {ctx.t('link.map.cancel')}
          </button>
        </div>
      )}
      {local && (
        <p class="panel-error" role="alert">
          {local}
        </p>
      )}
      {view?.status === 'failed' && (
        <p class="panel-error" role="alert" data-testid="link-map-failed">
          {ctx.t('link.map.failed', { message: view.error?.message ?? '' })}
        </p>
      )}
      {view?.status === 'cancelled' && <p>{ctx.t('link.map.cancelled')}</p>}
      <ErrorBox ns="link" ctx={ctx} error={error} testid="link-map-error" />
      {r && (
        <div class="link-map-result" data-testid="link-map-result">
          <p>
            {ctx.t('link.map.summary', {
              sites: r.sites,
              median: pct(r.summary.medianAvailabilityPercent, 3),
              share: pct(
                r.summary.shareMeetingRequirement === null
                  ? null
                  : r.summary.shareMeetingRequirement * 100,
                1,
              ),
              required: r.requiredAvailabilityPercent,
            })}
          </p>
          <label>
            <input
              type="checkbox"
              checked={shown}
              data-testid="link-map-toggle"
              onChange={(e) => {
                const on = (e.target as HTMLInputElement).checked;
                setShown(on);
                if (ctx.map.getLayer(MAP_LAYER))
                  ctx.map.setLayoutProperty(MAP_LAYER, 'visibility', on ? 'visible' : 'none');
              }}
            />{' '}
            {ctx.t('link.map.show')}
          </label>
          <div class="field">
            <label for="link-map-opacity">
              {ctx.t('link.map.opacity', { percent: Math.round(opacity * 100) })}
            </label>
            <input
              id="link-map-opacity"
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={opacity}
              data-testid="link-map-opacity"
              onInput={(e) => {
                const o = Number((e.target as HTMLInputElement).value);
                setOpacity(o);
                if (ctx.map.getLayer(MAP_LAYER))
                  ctx.map.setPaintProperty(MAP_LAYER, 'raster-opacity', o);
              }}
            />
          </div>
          <table class="table link-map-legend" data-testid="link-map-legend">
            <caption>
              {ctx.t('link.map.legend', {
                threshold: ctx.t(r.acm ? 'link.map.thresholdAcm' : 'link.map.thresholdFixed', {
                  modcod: r.modcod,
                }),
              })}
            </caption>
            <tbody>
              {[...r.legend].reverse().map((c) => (
                <tr key={c.fromPercent}>
                  <td>
                    <span
                      class="link-map-swatch"
                      style={{ background: c.colour }}
                      data-colour={c.colour}
                    />
                  </td>
                  <td>
                    {c.toPercent >= 100
                      ? `≥ ${num(ctx, c.fromPercent)} %`
                      : `${num(ctx, c.fromPercent)} – ${num(ctx, c.toPercent)} %`}
                  </td>
                  <td>{c.meetsRequirement ? ctx.t('link.map.meets') : ''}</td>
                </tr>
              ))}
              {r.notVisible > 0 && (
                <tr>
                  <td>
                    <span class="link-map-swatch" style={{ background: '#969696' }} />
                  </td>
                  <td colSpan={2}>{ctx.t('link.map.notVisible', { n: r.notVisible })}</td>
                </tr>
              )}
            </tbody>
          </table>
          <a href={r.geojson.url} download data-testid="link-map-geojson">
            {ctx.t('link.map.download')}
          </a>
        </div>
      )}
    </section>
  );
}
