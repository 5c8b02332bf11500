/**
 * The map's local style: no tile server, no glyph server, no sprite. Everything drawn comes from
 * the bundle (the world's countries, Natural Earth 1:110m via world-atlas) or from our server
 * (the bundled layers of data/aoi and the user's areas of interest).
 */
import type { StyleSpecification } from 'maplibre-gl';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';

/** Colours of the map, readable on the dark background (contrast ≥ 4.5:1 for labels). */
export const COLOURS = {
  sea: '#0d1b26',
  land: '#1b2a35',
  landLine: '#3e5263',
  nation: '#22433a',
  nationLine: '#f2b134',
  regionLine: '#7f98aa',
  strip: '#d9534f',
  border: '#f2b134',
  town: '#f4f7f9',
  label: '#eef3f6',
  halo: '#0d1b26',
  aoi: '#5bc0de',
  satellite: '#ffd24d',
  selected: '#ff6f61',
  track: '#ff9f43',
  regard: '#9b8cff',
  swath: '#4cd3a5',
  station: '#5bc0de',
} as const;

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'sahelsat-local',
    // No `glyphs`: labels are drawn in the browser with the bundled font (see fonts.ts).
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': COLOURS.sea } }],
  };
}

/** Label expression in the current language (`name_fr` when present in French). */
export function nameExpression(lang: 'en' | 'fr'): unknown[] {
  return lang === 'fr' ? ['coalesce', ['get', 'name_fr'], ['get', 'name']] : ['get', 'name'];
}

export const LABEL_FONT = [FONT_REGULAR];
export const LABEL_FONT_BOLD = [FONT_BOLD];
