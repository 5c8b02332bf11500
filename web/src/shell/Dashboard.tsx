/**
 * The signed-in dashboard: header, map, side-panel tabs from the registry, time slider. Builds
 * the AppContext once the map has its reference layers.
 */
import { type ReadonlySignal, signal, useSignal } from '@preact/signals';
import maplibregl from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient, AppContext, Lang, Selection, User } from '../app/context.js';
import { formatInstant } from '../app/format.js';
import { type ClosableLiveClient, createLiveClient } from '../app/live.js';
import { may } from '../app/policy.js';
import { type PlayableTimeStore, createTimeStore } from '../app/time.js';
import { addReferenceLayers, fetchReferenceData, setLabelLanguage } from '../map/layers.js';
import { OrbitsContext } from '../map/orbits-context.js';
import { clearOverlay, setOverlay } from '../map/overlays.js';
import {
  type SatelliteLayer,
  createSatelliteLayer,
  fetchSatelliteData,
} from '../map/satellites.js';
import { baseStyle } from '../map/style.js';
import { registry } from '../panels/registry.js';
import { Header } from './Header.js';
import { LayerControl } from './LayerControl.js';
import { PanelTabs } from './PanelTabs.js';
import { TimeSlider } from './TimeSlider.js';

/** Sahel view: Mali, Burkina Faso and Niger with their neighbours. */
const START_BOUNDS: [number, number, number, number] = [-13, 8.5, 17, 25.5];

declare global {
  interface Window {
    /** For end-to-end tests and the benchmark only. */
    __sahelsat?: {
      map: maplibregl.Map;
      ctx: AppContext;
      satellites: SatelliteLayer;
      time: PlayableTimeStore;
    };
  }
}

export function Dashboard(p: {
  api: ApiClient;
  user: User;
  lang: ReadonlySignal<Lang>;
  setLang: (l: Lang) => void;
  utc: ReadonlySignal<boolean>;
  setUtc: (utc: boolean) => void;
  t: AppContext['t'];
  onLogout: () => void;
  onSessionEnded: () => void;
}) {
  const mapNode = useRef<HTMLDivElement>(null);
  const [ctx, setCtx] = useState<AppContext | null>(null);
  const [orbits, setOrbits] = useState<SatelliteLayer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const connected = useSignal(false);
  const time = useMemo(() => createTimeStore(), []);
  const selection = useMemo<Selection>(
    () => ({ satelliteId: signal(null), pass: signal(null) }),
    [],
  );

  useEffect(() => {
    // Data first: the downloads run while MapLibre starts.
    const reference = fetchReferenceData(p.api);
    const satelliteData = fetchSatelliteData(p.api);
    reference.catch(() => undefined);
    satelliteData.catch(() => undefined);
    const live: ClosableLiveClient = createLiveClient({
      onSessionEnded: p.onSessionEnded,
      onState: (c) => (connected.value = c),
    });
    const map = new maplibregl.Map({
      container: mapNode.current!,
      style: baseStyle(),
      bounds: START_BOUNDS,
      attributionControl: false,
      renderWorldCopies: true,
      maxPitch: 0,
      dragRotate: false,
      locale: {},
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.enable();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');
    map.addControl(
      new maplibregl.AttributionControl({
        compact: true,
        customAttribution: 'Natural Earth · GeoNames (CC BY 4.0)',
      }),
      'bottom-right',
    );
    let satellites: SatelliteLayer | null = null;
    let refresh: ReturnType<typeof setInterval> | undefined;
    let disposed = false;
    map.on('load', () => {
      void (async () => {
        try {
          const [ref, sat] = await Promise.all([reference, satelliteData]);
          if (disposed) return;
          addReferenceLayers(map, ref, p.lang.value);
          satellites = createSatelliteLayer(map, p.api, time, selection, sat);
          const context: AppContext = {
            api: p.api,
            user: p.user,
            lang: p.lang,
            t: p.t,
            formatTime: (ms, opts) => formatInstant(ms, p.utc.value, opts),
            map,
            time,
            live,
            selection,
            may: (action) => may(p.user, action),
            setOverlay: (id, data, style) => setOverlay(map, id, data, style),
            clearOverlay: (id) => clearOverlay(map, id),
            fitBounds: (b) =>
              map.fitBounds(
                [
                  [b[0], b[1]],
                  [b[2], b[3]],
                ],
                { padding: 40, maxZoom: 9 },
              ),
          };
          window.__sahelsat = { map, ctx: context, satellites, time };
          setOrbits(satellites);
          setCtx(context);
          // New element sets (imports by operators) reach the map within minutes.
          refresh = setInterval(() => void satellites?.reload().catch(() => undefined), 300_000);
          // Satellites move continuously, so the map is never "idle": ready = layers in and drawn.
          map.once('render', () => {
            performance.mark('sahelsat:map-ready');
            document.body.setAttribute('data-map-ready', 'true');
          });
          map.triggerRepaint();
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        }
      })();
    });
    return () => {
      disposed = true;
      clearInterval(refresh);
      satellites?.dispose();
      live.close();
      time.dispose();
      map.remove();
      delete window.__sahelsat;
    };
  }, []);

  // Map labels follow the language.
  useEffect(() => {
    if (ctx) setLabelLanguage(ctx.map, p.lang.value);
  }, [ctx, p.lang.value]);

  const mapLabel = p.t('shell.map.label');
  return (
    <div class="app">
      <a class="skip" href="#side-panel">
        {p.t('shell.skip')}
      </a>
      <Header
        user={p.user}
        lang={p.lang.value}
        setLang={p.setLang}
        utc={p.utc.value}
        setUtc={p.setUtc}
        t={p.t}
        connected={connected.value}
        onLogout={p.onLogout}
      />
      <div class="main">
        <div class="map-wrap">
          <div
            ref={mapNode}
            class="map"
            role="application"
            aria-label={mapLabel}
            data-testid="map"
            data-ready={ctx ? 'true' : 'false'}
          />
          {ctx && <LayerControl ctx={ctx} />}
          {error && (
            <p class="error map-error" role="alert">
              {p.t('shell.error', { message: error })}
            </p>
          )}
        </div>
        <aside id="side-panel" class="side" aria-label={p.t('shell.panels')} tabIndex={-1}>
          {ctx ? (
            <OrbitsContext.Provider value={orbits}>
              <PanelTabs ctx={ctx} entries={registry} />
            </OrbitsContext.Provider>
          ) : (
            <p class="muted pad">{p.t('shell.loading')}</p>
          )}
        </aside>
      </div>
      {ctx && <TimeSlider ctx={ctx} time={time} />}
    </div>
  );
}
