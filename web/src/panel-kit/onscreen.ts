/**
 * What the panels currently show, so the export panel can write exactly that. One store per
 * dashboard context (a WeakMap keyed by the context: no global state shared between two maps).
 */
import { signal, type Signal } from '@preact/signals';
import type { FeatureCollection } from 'geojson';
import type { AppContext } from '../app/context.js';
import type { Aoi, Pass, PlanVersionDetail, ProductDto, RequestDto } from './dto.js';

export interface OnScreen {
  passes: Signal<{ start: string; end: string; passes: Pass[] } | null>;
  plan: Signal<PlanVersionDetail | null>;
  requests: Signal<RequestDto[] | null>;
  aois: Signal<Aoi[] | null>;
  products: Signal<Array<{ product: ProductDto; geometry: FeatureCollection }>>;
}

const stores = new WeakMap<object, OnScreen>();

export function onScreen(ctx: AppContext): OnScreen {
  let s = stores.get(ctx);
  if (!s) {
    s = {
      passes: signal(null),
      plan: signal(null),
      requests: signal(null),
      aois: signal(null),
      products: signal([]),
    };
    stores.set(ctx, s);
  }
  return s;
}
