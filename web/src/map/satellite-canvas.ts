/**
 * The satellites' dots, drawn on a 2D canvas laid over the map. Why not a GeoJSON layer: every
 * change of a MapLibre source redraws the whole map, and on machines without a GPU (software
 * WebGL, common in the field) that caps the view at a few frames per second with hundreds of
 * moving satellites. The canvas redraws only the dots (a few ms for 500), and the WebGL map
 * redraws only when the view or a slow-changing layer (track, footprints) changes.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { FONT_REGULAR } from './fonts.js';
import { COLOURS } from './style.js';

export interface Dot {
  id: string;
  name: string;
  imaging: boolean;
  lon: number;
  lat: number;
}

/** A dot closer than this to a click (CSS px) is picked. */
const PICK_RADIUS_PX = 10;
/** Names of every satellite from this zoom on (the selected one always). */
const LABEL_ZOOM = 6;

export class SatelliteCanvas {
  readonly canvas: HTMLCanvasElement;
  private readonly g: CanvasRenderingContext2D;
  private screen: Float32Array = new Float32Array(0);
  private dots: readonly Dot[] = [];
  private dpr = 1;

  constructor(private readonly map: MapLibreMap) {
    const canvas = document.createElement('canvas');
    canvas.className = 'satellite-canvas';
    canvas.setAttribute('aria-hidden', 'true');
    Object.assign(canvas.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });
    const container = map.getContainer();
    container.insertBefore(canvas, container.querySelector('.maplibregl-control-container'));
    this.canvas = canvas;
    this.g = canvas.getContext('2d')!;
    this.resize();
  }

  resize(): void {
    const c = this.map.getContainer();
    this.dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(c.clientWidth * this.dpr);
    this.canvas.height = Math.round(c.clientHeight * this.dpr);
    this.canvas.style.width = `${c.clientWidth}px`;
    this.canvas.style.height = `${c.clientHeight}px`;
  }

  /** Draws the dots (positions in degrees) with the selected one on top. */
  draw(dots: readonly Dot[], selectedId: string | null): void {
    const { g, map } = this;
    this.dots = dots;
    if (this.screen.length < dots.length * 2) this.screen = new Float32Array(dots.length * 2);
    const w = this.canvas.width / this.dpr;
    const h = this.canvas.height / this.dpr;
    g.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    const centreLon = map.getCenter().lng;
    const zoom = map.getZoom();
    const r = zoom < 3 ? 3 : zoom < 6 ? 4 : 5;
    const paths = { imaging: new Path2D(), other: new Path2D() };
    let selected: { x: number; y: number; dot: Dot } | null = null;
    for (let i = 0; i < dots.length; i++) {
      const d = dots[i]!;
      // The copy of the world nearest the centre of the view.
      const lon = d.lon + 360 * Math.round((centreLon - d.lon) / 360);
      const p = map.project([lon, d.lat]);
      this.screen[2 * i] = p.x;
      this.screen[2 * i + 1] = p.y;
      if (p.x < -20 || p.y < -20 || p.x > w + 20 || p.y > h + 20) continue;
      if (d.id === selectedId) selected = { x: p.x, y: p.y, dot: d };
      const path = d.imaging ? paths.imaging : paths.other;
      path.moveTo(p.x + r, p.y);
      path.arc(p.x, p.y, r, 0, 2 * Math.PI);
    }
    g.lineWidth = 1;
    g.strokeStyle = COLOURS.halo;
    g.fillStyle = '#c7d0d8';
    g.fill(paths.other);
    g.stroke(paths.other);
    g.fillStyle = COLOURS.satellite;
    g.fill(paths.imaging);
    g.stroke(paths.imaging);
    g.font = `12px '${FONT_REGULAR}', sans-serif`;
    g.textBaseline = 'middle';
    g.lineWidth = 3;
    g.lineJoin = 'round';
    if (zoom >= LABEL_ZOOM) {
      for (let i = 0; i < dots.length; i++) {
        const x = this.screen[2 * i]!;
        const y = this.screen[2 * i + 1]!;
        if (x < 0 || y < 0 || x > w || y > h || dots[i]!.id === selectedId) continue;
        this.label(dots[i]!.name, x + r + 4, y, COLOURS.satellite);
      }
    }
    if (selected) {
      g.beginPath();
      g.arc(selected.x, selected.y, 8, 0, 2 * Math.PI);
      g.fillStyle = COLOURS.selected;
      g.fill();
      g.lineWidth = 2;
      g.strokeStyle = '#ffffff';
      g.stroke();
      g.lineWidth = 3;
      this.label(selected.dot.name, selected.x + 12, selected.y, COLOURS.satellite);
    }
  }

  private label(text: string, x: number, y: number, colour: string): void {
    const { g } = this;
    g.strokeStyle = COLOURS.halo;
    g.strokeText(text, x, y);
    g.fillStyle = colour;
    g.fillText(text, x, y);
  }

  /** The satellite drawn nearest a point of the map (CSS px), within the pick radius. */
  pick(x: number, y: number): Dot | null {
    let best: Dot | null = null;
    let bestD = PICK_RADIUS_PX * PICK_RADIUS_PX;
    for (let i = 0; i < this.dots.length; i++) {
      const dx = this.screen[2 * i]! - x;
      const dy = this.screen[2 * i + 1]! - y;
      const d = dx * dx + dy * dy;
      if (d <= bestD) {
        bestD = d;
        best = this.dots[i]!;
      }
    }
    return best;
  }

  remove(): void {
    this.canvas.remove();
  }
}
