/**
 * The reference layers: the world's countries (bundled), then from the server the three nations,
 * their regions, border strips, borders and towns (`GET /api/v1/layers/:id`), and the areas of
 * interest the user may see (`GET /api/v1/aois`).
 */
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ApiClient, Lang } from '../app/context.js';
import { COLOURS, LABEL_FONT, LABEL_FONT_BOLD, nameExpression } from './style.js';

interface Aoi {
  id: string;
  name: string;
  geometry: GeoJSON.Geometry;
  ownerNation: string;
}

/** Layers whose label follows the language. */
const NAMED_LAYERS = ['countries-label', 'regions-label'];

async function worldCountries(): Promise<FeatureCollection> {
  const [{ feature }, topology] = await Promise.all([
    import('topojson-client'),
    import('world-atlas/countries-110m.json'),
  ]);
  const topo = (topology as { default?: unknown }).default ?? topology;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const t = topo as any;
  return feature(t, t.objects.countries) as unknown as FeatureCollection;
}

export interface ReferenceData {
  world: FeatureCollection;
  countries: FeatureCollection;
  regions: FeatureCollection;
  strips: FeatureCollection;
  borders: FeatureCollection;
  towns: FeatureCollection;
  aois: FeatureCollection;
}

/** Fetches every reference layer at once (started before the map is ready, to save time). */
export async function fetchReferenceData(api: ApiClient): Promise<ReferenceData> {
  const [world, countries, regions, strips, borders, towns, aois] = await Promise.all([
    worldCountries(),
    api.get<FeatureCollection>('/layers/countries'),
    api.get<FeatureCollection>('/layers/regions'),
    api.get<FeatureCollection>('/layers/border-strips'),
    api.get<FeatureCollection>('/layers/borders'),
    api.get<FeatureCollection>('/layers/towns'),
    api.get<Aoi[] | { items: Aoi[] }>('/aois'),
  ]);
  const aoiList = Array.isArray(aois) ? aois : aois.items;
  const aoiFc: FeatureCollection = {
    type: 'FeatureCollection',
    features: aoiList.map((a) => ({
      type: 'Feature',
      id: a.id,
      properties: { id: a.id, name: a.name, nation: a.ownerNation },
      geometry: a.geometry,
    })),
  };
  return { world, countries, regions, strips, borders, towns, aois: aoiFc };
}

/** Adds every reference layer to a loaded map. */
export function addReferenceLayers(map: MapLibreMap, data: ReferenceData, lang: Lang): void {
  const { world, countries, regions, strips, borders, towns, aois: aoiFc } = data;
  map.addSource('world', { type: 'geojson', data: world });
  map.addSource('countries', { type: 'geojson', data: countries });
  map.addSource('regions', { type: 'geojson', data: regions });
  map.addSource('border-strips', { type: 'geojson', data: strips });
  map.addSource('borders', { type: 'geojson', data: borders });
  map.addSource('towns', { type: 'geojson', data: towns });
  map.addSource('aois', { type: 'geojson', data: aoiFc });
  const name = nameExpression(lang) as never;
  map.addLayer({
    id: 'world-fill',
    type: 'fill',
    source: 'world',
    paint: { 'fill-color': COLOURS.land },
  });
  map.addLayer({
    id: 'world-line',
    type: 'line',
    source: 'world',
    paint: { 'line-color': COLOURS.landLine, 'line-width': 0.8 },
  });
  map.addLayer({
    id: 'countries-fill',
    type: 'fill',
    source: 'countries',
    paint: { 'fill-color': COLOURS.nation },
  });
  map.addLayer({
    id: 'border-strips-fill',
    type: 'fill',
    source: 'border-strips',
    paint: { 'fill-color': COLOURS.strip, 'fill-opacity': 0.22 },
  });
  map.addLayer({
    id: 'regions-line',
    type: 'line',
    source: 'regions',
    paint: { 'line-color': COLOURS.regionLine, 'line-width': 0.8, 'line-dasharray': [3, 2] },
  });
  map.addLayer({
    id: 'countries-line',
    type: 'line',
    source: 'countries',
    paint: { 'line-color': COLOURS.nationLine, 'line-width': 2 },
  });
  map.addLayer({
    id: 'borders-line',
    type: 'line',
    source: 'borders',
    paint: { 'line-color': COLOURS.border, 'line-width': 1.2, 'line-opacity': 0.6 },
  });
  map.addLayer({
    id: 'aois-fill',
    type: 'fill',
    source: 'aois',
    paint: { 'fill-color': COLOURS.aoi, 'fill-opacity': 0.15 },
  });
  map.addLayer({
    id: 'aois-line',
    type: 'line',
    source: 'aois',
    paint: { 'line-color': COLOURS.aoi, 'line-width': 1.5 },
  });
  map.addLayer({
    id: 'towns-circle',
    type: 'circle',
    source: 'towns',
    filter: ['>=', ['get', 'population'], ['step', ['zoom'], 150000, 5, 40000, 6, 10000, 7, 0]],
    paint: {
      'circle-color': COLOURS.town,
      'circle-radius': ['interpolate', ['linear'], ['get', 'population'], 0, 2, 1000000, 5],
      'circle-stroke-color': COLOURS.halo,
      'circle-stroke-width': 1,
    },
  });
  map.addLayer({
    id: 'regions-label',
    type: 'symbol',
    source: 'regions',
    minzoom: 5,
    layout: { 'text-field': name, 'text-font': LABEL_FONT, 'text-size': 11, 'text-max-width': 8 },
    paint: {
      'text-color': COLOURS.regionLine,
      'text-halo-color': COLOURS.halo,
      'text-halo-width': 1.2,
    },
  });
  map.addLayer({
    id: 'towns-label',
    type: 'symbol',
    source: 'towns',
    filter: ['>=', ['get', 'population'], ['step', ['zoom'], 150000, 5, 40000, 6, 10000, 7, 0]],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': ['interpolate', ['linear'], ['get', 'population'], 0, 11, 1000000, 14],
      'text-offset': [0, 0.7],
      'text-anchor': 'top',
      'symbol-sort-key': ['-', 0, ['get', 'population']],
    },
    paint: { 'text-color': COLOURS.label, 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.5 },
  });
  map.addLayer({
    id: 'countries-label',
    type: 'symbol',
    source: 'countries',
    maxzoom: 6,
    layout: {
      'text-field': name,
      'text-font': LABEL_FONT_BOLD,
      'text-size': 16,
      'text-transform': 'uppercase',
      'text-letter-spacing': 0.15,
    },
    paint: {
      'text-color': COLOURS.nationLine,
      'text-halo-color': COLOURS.halo,
      'text-halo-width': 2,
    },
  });
}

/** Switches the labels that have a French name. */
export function setLabelLanguage(map: MapLibreMap, lang: Lang): void {
  for (const id of NAMED_LAYERS)
    if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', nameExpression(lang));
}
