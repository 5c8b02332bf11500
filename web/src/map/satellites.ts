/**
 * Live satellites on the map, propagated in the browser at the time the TimeStore shows (live,
 * replay or preview): their dots on a canvas over the map (satellite-canvas.ts: smooth with
 * hundreds, no DOM marker); for the selected one its ground track one orbit back and forward,
 * the sensor's field of regard and swath (GeoJSON layers, updated a few times a second at
 * most); the stations with their visibility circles.
 */
import { effect } from '@preact/signals';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { ApiClient, Selection } from '../app/context.js';
import type { PlayableTimeStore } from '../app/time.js';
import { type Sensor, regardRadiusKm, swathOf } from './footprints.js';
import {
  type ElementSet,
  type OrbitingSatellite,
  type SubPoint,
  circle,
  gstime,
  groundTrack,
  julianDate,
  subPoint,
  toSatellites,
  visibilityRadiusKm,
} from './orbits.js';
import { type Dot, SatelliteCanvas } from './satellite-canvas.js';
import { COLOURS, LABEL_FONT } from './style.js';

export type { Sensor };

export interface Station {
  id: string;
  name: string;
  nation: string;
  latitudeDeg: number;
  longitudeDeg: number;
  altitudeM: number;
  minElevationDeg: number;
}

/** The field of regard (a map layer) follows the satellite at most this often (real time). */
const REGARD_EVERY_MS = 500;
/** The track is recomputed when the shown time moved this far from the last one. */
const TRACK_REFRESH_MS = 20_000;
/** Altitude of the visibility circles when no satellite is selected (km). */
const DEFAULT_ALTITUDE_KM = 600;

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export interface SatelliteLayer {
  readonly satellites: () => readonly OrbitingSatellite[];
  readonly sensors: () => readonly Sensor[];
  readonly stations: () => readonly Station[];
  /** Sub-satellite point of a satellite at an instant (ms), or null. */
  position(id: string, tMs: number): SubPoint | null;
  /** Reloads the element sets (after an import). */
  reload(): Promise<void>;
  /** Satellite frames drawn since the start (for the benchmark). */
  readonly updates: () => number;
  dispose(): void;
}

export interface SatelliteData {
  sets: ElementSet[];
  sensors: Sensor[];
  stations: Station[];
}

/** Fetches element sets, sensors and stations (started before the map is ready). */
export async function fetchSatelliteData(api: ApiClient): Promise<SatelliteData> {
  const [sets, sensors, stations] = await Promise.all([
    api.get<ElementSet[]>('/element-sets/latest'),
    api.get<Sensor[]>('/sensors'),
    api.get<Station[]>('/stations'),
  ]);
  return { sets, sensors, stations };
}

export function createSatelliteLayer(
  map: MapLibreMap,
  api: ApiClient,
  time: PlayableTimeStore,
  selection: Selection,
  data: SatelliteData,
): SatelliteLayer {
  let sats: OrbitingSatellite[] = [];
  let byId = new Map<string, OrbitingSatellite>();
  const { sets, sensors, stations } = data;
  const load = (s: ElementSet[]) => {
    sats = toSatellites(s);
    byId = new Map(sats.map((x) => [x.id, x]));
  };
  load(sets);
  const sensorOf = new Map<string, Sensor>();
  for (const s of sensors)
    if (s.satelliteId && !sensorOf.has(s.satelliteId)) sensorOf.set(s.satelliteId, s);

  for (const id of [
    'sat-track',
    'sat-regard',
    'sat-swath',
    'station-circles',
    'stations',
    'satellites',
  ])
    map.addSource(id, { type: 'geojson', data: empty() });
  map.addLayer({
    id: 'station-circles-line',
    type: 'line',
    source: 'station-circles',
    paint: { 'line-color': COLOURS.station, 'line-width': 1.2, 'line-dasharray': [2, 2] },
  });
  map.addLayer({
    id: 'sat-swath-fill',
    type: 'fill',
    source: 'sat-swath',
    paint: { 'fill-color': COLOURS.swath, 'fill-opacity': 0.3 },
  });
  map.addLayer({
    id: 'sat-regard-fill',
    type: 'fill',
    source: 'sat-regard',
    paint: { 'fill-color': COLOURS.regard, 'fill-opacity': 0.12 },
  });
  map.addLayer({
    id: 'sat-regard-line',
    type: 'line',
    source: 'sat-regard',
    paint: { 'line-color': COLOURS.regard, 'line-width': 1.5 },
  });
  map.addLayer({
    id: 'sat-track-past',
    type: 'line',
    source: 'sat-track',
    filter: ['==', ['get', 'part'], 'past'],
    paint: { 'line-color': COLOURS.track, 'line-width': 1.5, 'line-dasharray': [2, 2] },
  });
  map.addLayer({
    id: 'sat-track-future',
    type: 'line',
    source: 'sat-track',
    filter: ['==', ['get', 'part'], 'future'],
    paint: { 'line-color': COLOURS.track, 'line-width': 2 },
  });
  map.addLayer({
    id: 'stations-symbol',
    type: 'circle',
    source: 'stations',
    paint: {
      'circle-color': COLOURS.station,
      'circle-radius': 6,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: 'stations-label',
    type: 'symbol',
    source: 'stations',
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': 12,
      'text-offset': [0, -1.2],
      'text-anchor': 'bottom',
    },
    paint: {
      'text-color': COLOURS.station,
      'text-halo-color': COLOURS.halo,
      'text-halo-width': 1.5,
    },
  });
  (map.getSource('stations') as GeoJSONSource).setData({
    type: 'FeatureCollection',
    features: stations.map((s) => ({
      type: 'Feature',
      properties: { id: s.id, name: s.name, nation: s.nation },
      geometry: { type: 'Point', coordinates: [s.longitudeDeg, s.latitudeDeg] },
    })),
  });

  const canvas = new SatelliteCanvas(map);
  let dots: Dot[] = [];
  const rebuildDots = () => {
    dots = sats.map((x) => ({
      id: x.id,
      name: x.name,
      imaging: sensorOf.has(x.id),
      lon: 0,
      lat: 0,
    }));
  };
  rebuildDots();

  let lastRegardReal = 0;
  let lastShown = Number.NaN;
  let viewMoved = true;
  let shown: Dot[] = [];
  let trackAt = Number.NaN;
  let trackFor: string | null = null;
  let stationsAltitude = Number.NaN;
  let updates = 0;
  let frame = 0;

  const positionSatellites = (t: number) => {
    const gmst = gstime(julianDate(t));
    shown = [];
    for (let i = 0; i < sats.length; i++) {
      const p = subPoint(sats[i]!, t, gmst);
      if (!p) continue;
      const d = dots[i]!;
      d.lon = p.longitudeDeg;
      d.lat = p.latitudeDeg;
      shown.push(d);
    }
  };

  const drawSelected = (t: number, real: number) => {
    const id = selection.satelliteId.value;
    const sat = id ? byId.get(id) : undefined;
    const here = sat ? subPoint(sat, t) : null;
    if (!sat || !here) {
      if (trackFor !== null) {
        for (const s of ['sat-track', 'sat-regard', 'sat-swath'])
          (map.getSource(s) as GeoJSONSource).setData(empty());
        trackFor = null;
      }
      drawStationCircles(DEFAULT_ALTITUDE_KM);
      return;
    }
    if (trackFor !== sat.id || Math.abs(t - trackAt) > TRACK_REFRESH_MS) {
      const periodMs = sat.periodMin * 60_000;
      const past = groundTrack(sat, t - periodMs, t, 30);
      const future = groundTrack(sat, t, t + periodMs, 30);
      (map.getSource('sat-track') as GeoJSONSource).setData({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { part: 'past' },
            geometry: { type: 'MultiLineString', coordinates: past },
          },
          {
            type: 'Feature',
            properties: { part: 'future' },
            geometry: { type: 'MultiLineString', coordinates: future },
          },
        ],
      });
      (map.getSource('sat-swath') as GeoJSONSource).setData(swathOf(sat, sensorOf.get(sat.id), t));
      trackAt = t;
      trackFor = sat.id;
      drawStationCircles(here.altitudeKm);
    }
    if (real - lastRegardReal < REGARD_EVERY_MS && trackAt !== t) return;
    lastRegardReal = real;
    const regard = regardRadiusKm(sensorOf.get(sat.id), here.altitudeKm);
    (map.getSource('sat-regard') as GeoJSONSource).setData(
      regard === null
        ? empty()
        : {
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: {},
                geometry: {
                  type: 'Polygon',
                  coordinates: [circle(here.latitudeDeg, here.longitudeDeg, regard)],
                },
              },
            ],
          },
    );
  };

  const drawStationCircles = (altitudeKm: number) => {
    if (Math.abs(altitudeKm - stationsAltitude) < 5) return;
    stationsAltitude = altitudeKm;
    (map.getSource('station-circles') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: stations.map((s) => ({
        type: 'Feature',
        properties: { id: s.id },
        geometry: {
          type: 'Polygon',
          coordinates: [
            circle(
              s.latitudeDeg,
              s.longitudeDeg,
              visibilityRadiusKm(altitudeKm, s.minElevationDeg),
            ),
          ],
        },
      })),
    });
  };

  const loop = (real: number) => {
    frame = requestAnimationFrame(loop);
    const t = time.displayNow();
    if (t === lastShown && !viewMoved) return;
    if (t !== lastShown) {
      positionSatellites(t);
      drawSelected(t, real);
      lastShown = t;
    }
    viewMoved = false;
    canvas.draw(shown, selection.satelliteId.value);
    updates++;
  };
  frame = requestAnimationFrame(loop);

  const stopSelection = effect(() => {
    void selection.satelliteId.value;
    trackFor = null;
    lastShown = Number.NaN;
  });
  const onMove = () => {
    viewMoved = true;
  };
  const onResize = () => {
    canvas.resize();
    viewMoved = true;
  };
  const onClick = (e: MapMouseEvent) => {
    const dot = canvas.pick(e.point.x, e.point.y);
    if (dot) selection.satelliteId.value = dot.id;
  };
  let hovering = false;
  const onMouseMove = (e: MapMouseEvent) => {
    const dot = canvas.pick(e.point.x, e.point.y);
    const over = dot !== null;
    if (over !== hovering) map.getCanvas().style.cursor = over ? 'pointer' : '';
    // The name as a tooltip: labels are drawn only when zoomed in.
    if (over) map.getCanvas().title = dot.name;
    else if (hovering) map.getCanvas().removeAttribute('title');
    hovering = over;
  };
  map.on('move', onMove);
  map.on('resize', onResize);
  map.on('click', onClick);
  map.on('mousemove', onMouseMove);

  return {
    satellites: () => sats,
    sensors: () => sensors,
    stations: () => stations,
    position: (id, tMs) => {
      const s = byId.get(id);
      return s ? subPoint(s, tMs) : null;
    },
    async reload() {
      load(await api.get<ElementSet[]>('/element-sets/latest'));
      rebuildDots();
      lastShown = Number.NaN;
    },
    updates: () => updates,
    dispose() {
      cancelAnimationFrame(frame);
      stopSelection();
      map.off('move', onMove);
      map.off('resize', onResize);
      map.off('click', onClick);
      map.off('mousemove', onMouseMove);
      canvas.remove();
    },
  };
}
