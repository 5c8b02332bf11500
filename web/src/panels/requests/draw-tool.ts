/**
 * Drawing a polygon on the MapLibre map: clicks add vertices, a double-click or Enter closes,
 * Backspace removes the last vertex, Esc cancels. The draft is shown through the context's overlay.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { MapMouseEvent } from 'maplibre-gl';
import type { AppContext } from '../../app/context.js';
import {
  EMPTY_DRAFT,
  addVertex,
  closeDraft,
  closeProblem,
  draftPolygon,
  undoVertex,
  type Draft,
  type DraftProblem,
} from './polygon.js';

export const DRAFT_OVERLAY = 'requests-draft';

export interface DrawCallbacks {
  onChange(d: Draft, problem: DraftProblem): void;
  onDone(d: Draft): void;
  onCancel(): void;
}

/** The draft as features: vertices, the open line, and the polygon once closable. */
export function draftFeatures(d: Draft): FeatureCollection {
  const features: Feature[] = d.vertices.map((v, i) => ({
    type: 'Feature',
    properties: { label: String(i + 1) },
    geometry: { type: 'Point', coordinates: [v[0], v[1]] },
  }));
  if (d.vertices.length >= 2) {
    features.push({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'LineString',
        coordinates: [...d.vertices, ...(d.closed ? [d.vertices[0]!] : [])].map((v) => [
          v[0],
          v[1],
        ]),
      },
    });
  }
  if (d.vertices.length >= 3 && closeProblem(d) === null) {
    features.push({ type: 'Feature', properties: {}, geometry: draftPolygon(d) });
  }
  return { type: 'FeatureCollection', features };
}

export function showDraft(ctx: AppContext, d: Draft): void {
  ctx.setOverlay(DRAFT_OVERLAY, draftFeatures(d), {
    fill: '#d9480f',
    line: '#d9480f',
    circle: '#d9480f',
  });
}

function typing(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === 'INPUT' ||
      el.tagName === 'TEXTAREA' ||
      el.tagName === 'SELECT' ||
      el.isContentEditable)
  );
}

export interface DrawHandle {
  /** Stops listening to the map (the draft stays shown). */
  stop(): void;
  /** Closes the polygon when it can be (the button twin of Enter). */
  finish(): void;
}

/** Starts drawing; stopped by done, cancel or `stop()`. */
export function startDrawing(ctx: AppContext, cb: DrawCallbacks): DrawHandle {
  const map = ctx.map;
  let draft: Draft = EMPTY_DRAFT;
  const zoomWasOn = map.doubleClickZoom.isEnabled();
  map.doubleClickZoom.disable();
  const canvas = map.getCanvas();
  const cursor = canvas.style.cursor;
  canvas.style.cursor = 'crosshair';
  const update = (d: Draft) => {
    draft = d;
    showDraft(ctx, d);
    cb.onChange(d, d.vertices.length >= 3 ? closeProblem(d) : null);
  };
  const finish = () => {
    const closed = closeDraft(draft);
    if (!closed.closed) {
      cb.onChange(draft, closeProblem(draft));
      return;
    }
    stop();
    showDraft(ctx, closed);
    cb.onDone(closed);
  };
  const onClick = (e: MapMouseEvent) => update(addVertex(draft, [e.lngLat.lng, e.lngLat.lat]));
  const onDbl = (e: MapMouseEvent) => {
    e.preventDefault();
    finish();
  };
  const onKey = (e: KeyboardEvent) => {
    if (typing(e)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      finish();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      stop();
      ctx.clearOverlay(DRAFT_OVERLAY);
      cb.onCancel();
    } else if (e.key === 'Backspace') {
      e.preventDefault();
      update(undoVertex(draft));
    }
  };
  map.on('click', onClick);
  map.on('dblclick', onDbl);
  window.addEventListener('keydown', onKey);
  let stopped = false;
  function stop() {
    if (stopped) return;
    stopped = true;
    map.off('click', onClick);
    map.off('dblclick', onDbl);
    window.removeEventListener('keydown', onKey);
    canvas.style.cursor = cursor;
    if (zoomWasOn) map.doubleClickZoom.enable();
  }
  return { stop, finish };
}
