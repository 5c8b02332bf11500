/**
 * Overlays owned by panels (`ctx.setOverlay` / `ctx.clearOverlay`): one GeoJSON source per id
 * with up to four layers (fill, line, circle, label), drawn above the reference layers and
 * below the satellites.
 */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { COLOURS, LABEL_FONT } from './style.js';

export interface OverlayStyle {
  fill?: string;
  line?: string;
  circle?: string;
  label?: string;
}

/** Layers that overlays go under (the satellites and stations stay on top). */
const BELOW = 'station-circles-line';

const layerIds = (id: string) =>
  (['fill', 'line', 'circle', 'label'] as const).map((k) => `overlay-${id}-${k}`);

export function setOverlay(
  map: MapLibreMap,
  id: string,
  data: FeatureCollection,
  style: OverlayStyle,
): void {
  const sourceId = `overlay-${id}`;
  const existing = map.getSource(sourceId) as GeoJSONSource | undefined;
  if (existing) {
    existing.setData(data);
    for (const l of layerIds(id)) if (map.getLayer(l)) map.removeLayer(l);
  } else map.addSource(sourceId, { type: 'geojson', data });
  const before = map.getLayer(BELOW) ? BELOW : undefined;
  const layers: LayerSpecification[] = [];
  if (style.fill)
    layers.push({
      id: `overlay-${id}-fill`,
      type: 'fill',
      source: sourceId,
      filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
      paint: { 'fill-color': style.fill, 'fill-opacity': 0.35 },
    });
  if (style.line || style.fill)
    layers.push({
      id: `overlay-${id}-line`,
      type: 'line',
      source: sourceId,
      filter: ['!', ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]]],
      paint: { 'line-color': style.line ?? style.fill ?? COLOURS.aoi, 'line-width': 2 },
    });
  if (style.circle)
    layers.push({
      id: `overlay-${id}-circle`,
      type: 'circle',
      source: sourceId,
      filter: ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]],
      paint: {
        'circle-color': style.circle,
        'circle-radius': 5,
        'circle-stroke-color': COLOURS.halo,
        'circle-stroke-width': 1,
      },
    });
  if (style.label)
    layers.push({
      id: `overlay-${id}-label`,
      type: 'symbol',
      source: sourceId,
      layout: {
        'text-field': ['coalesce', ['get', 'label'], ['get', 'name'], ''],
        'text-font': LABEL_FONT,
        'text-size': 12,
      },
      paint: { 'text-color': style.label, 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.5 },
    });
  for (const l of layers) map.addLayer(l, before);
}

export function clearOverlay(map: MapLibreMap, id: string): void {
  for (const l of layerIds(id)) if (map.getLayer(l)) map.removeLayer(l);
  if (map.getSource(`overlay-${id}`)) map.removeSource(`overlay-${id}`);
}
