/**
 * The imported layers of a dashboard: listed from the server, each drawn on the map as an overlay
 * in its colour (lines, fills, circles, labels), shown or hidden per user (the choice kept in
 * localStorage), kept current by the live `layer.*` events, and imported from a file chosen in the
 * panel or dropped on the map. One state per dashboard context (WeakMap), started with the shell.
 */
import { signal, type Signal } from '@preact/signals';
import type { AppContext } from '../../app/context.js';
import { showToast } from '../../panel-kit/toasts.js';
import { errorText } from '../../panel-kit/errors.js';

export interface LayerDto {
  id: string;
  name: string;
  colour: string;
  sourceFormat: 'geojson' | 'kml';
  sourceName: string | null;
  featureCount: number;
  positionCount: number;
  geometryTypes: string[];
  bbox: [number, number, number, number] | null;
  simplified: boolean;
  displayPositionCount: number;
  ownerNation: 'ML' | 'BF' | 'NE' | 'AES';
  releasability: 'nation' | 'alliance';
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ImportOptions {
  name: string;
  releasability: 'nation' | 'alliance';
  colour?: string;
}

export interface LayersState {
  layers: Signal<LayerDto[]>;
  hidden: Signal<ReadonlySet<string>>;
  loading: Signal<boolean>;
  error: Signal<unknown>;
  /** The last import's failure (its issues are listed in the panel), null after a success. */
  importError: Signal<unknown>;
  importing: Signal<boolean>;
  reload(): Promise<void>;
  importFile(file: File, o: ImportOptions): Promise<LayerDto | null>;
  setVisible(id: string, visible: boolean): void;
  update(id: string, patch: Partial<Pick<LayerDto, 'name' | 'colour'>>): Promise<void>;
  remove(id: string): Promise<void>;
  zoomTo(id: string): void;
  /** Whether the user may change this layer (the server's rule: role, and the owner nation). */
  mayChange(l: LayerDto): boolean;
}

const HIDDEN_KEY = 'sahelsat.layers.hidden';
const overlayId = (id: string) => `imported-${id}`;

/** The format of a file from its name (null: let the server guess from the content). */
export function formatOfFile(name: string): 'geojson' | 'kml' | null {
  const n = name.toLowerCase();
  if (n.endsWith('.kml')) return 'kml';
  if (n.endsWith('.geojson') || n.endsWith('.json')) return 'geojson';
  return null;
}

/** A layer name from a file name: without its extension, underscores as spaces. */
export function nameOfFile(name: string): string {
  return (
    name
      .replace(/\.(geo)?json$|\.kml$/i, '')
      .replace(/[_]+/g, ' ')
      .trim() || name
  );
}

/** Features for drawing: each labelled with its own name, else the layer's. */
export function labelled(
  fc: GeoJSON.FeatureCollection,
  layerName: string,
): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => {
      const own = f.properties?.name;
      return {
        ...f,
        properties: {
          ...(f.properties ?? {}),
          label: typeof own === 'string' && own.trim() !== '' ? own : layerName,
        },
      };
    }),
  };
}

const states = new WeakMap<object, LayersState>();

function readHidden(): Set<string> {
  try {
    const v = JSON.parse(localStorage.getItem(HIDDEN_KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function layersState(ctx: AppContext): LayersState {
  const existing = states.get(ctx);
  if (existing) return existing;
  const layers = signal<LayerDto[]>([]);
  const hidden = signal<ReadonlySet<string>>(readHidden());
  const loading = signal(true);
  const error = signal<unknown>(null);
  const importError = signal<unknown>(null);
  const importing = signal(false);
  /** Features for drawing, by layer id (the geometry never changes after import). */
  const features = new Map<string, Promise<GeoJSON.FeatureCollection>>();
  const drawn = new Set<string>();

  const featuresOf = (id: string) => {
    let f = features.get(id);
    if (!f) {
      f = ctx.api.get<GeoJSON.FeatureCollection>(`/imported-layers/${id}/features`, {
        for: 'display',
      });
      f.catch(() => features.delete(id));
      features.set(id, f);
    }
    return f;
  };
  const draw = async (l: LayerDto) => {
    const fc = await featuresOf(l.id);
    // Still wanted once the features arrived?
    const now = layers.value.find((x) => x.id === l.id);
    if (!now || hidden.value.has(l.id)) return;
    ctx.setOverlay(overlayId(l.id), labelled(fc, now.name), {
      fill: now.colour,
      line: now.colour,
      circle: now.colour,
      label: now.colour,
    });
    drawn.add(l.id);
  };
  const undraw = (id: string) => {
    if (drawn.delete(id)) ctx.clearOverlay(overlayId(id));
  };
  const redraw = async () => {
    const list = layers.value;
    for (const id of [...drawn]) if (!list.some((l) => l.id === id)) undraw(id);
    // In order, so that newer layers are drawn above older ones.
    for (const l of list) {
      if (hidden.value.has(l.id)) undraw(l.id);
      else await draw(l).catch((e: unknown) => (error.value = e));
    }
  };
  const reload = async () => {
    loading.value = true;
    try {
      const r = await ctx.api.get<{ items: LayerDto[] }>('/imported-layers');
      layers.value = r.items;
      error.value = null;
      await redraw();
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  };
  const saveHidden = (s: Set<string>) => {
    hidden.value = s;
    localStorage.setItem(HIDDEN_KEY, JSON.stringify([...s]));
  };

  const state: LayersState = {
    layers,
    hidden,
    loading,
    error,
    importError,
    importing,
    reload,
    async importFile(file, o) {
      importing.value = true;
      try {
        const text = await file.text();
        const format = formatOfFile(file.name);
        const l = await ctx.api.post<LayerDto>('/imported-layers', {
          name: o.name,
          releasability: o.releasability,
          ...(o.colour ? { colour: o.colour } : {}),
          ...(format ? { format } : {}),
          fileName: file.name,
          text,
        });
        importError.value = null;
        layers.value = [...layers.value.filter((x) => x.id !== l.id), l];
        await draw(l);
        if (l.bbox) ctx.fitBounds(l.bbox);
        showToast(ctx.t('layers.imported', { name: l.name, features: l.featureCount }), {
          testid: 'imported-toast',
          closeLabel: ctx.t('layers.common.close'),
        });
        return l;
      } catch (e) {
        importError.value = e;
        showToast(
          ctx.t('layers.importFailed', { name: o.name, message: errorText(ctx, e, 'layers') }),
          { kind: 'alert', testid: 'imported-toast', closeLabel: ctx.t('layers.common.close') },
        );
        return null;
      } finally {
        importing.value = false;
      }
    },
    setVisible(id, visible) {
      const s = new Set(hidden.value);
      if (visible) s.delete(id);
      else s.add(id);
      saveHidden(s);
      void redraw();
    },
    async update(id, patch) {
      const l = await ctx.api.patch<LayerDto>(`/imported-layers/${id}`, patch);
      layers.value = layers.value.map((x) => (x.id === id ? l : x));
      await redraw();
    },
    async remove(id) {
      await ctx.api.del(`/imported-layers/${id}`);
      layers.value = layers.value.filter((x) => x.id !== id);
      features.delete(id);
      undraw(id);
    },
    zoomTo(id) {
      const l = layers.value.find((x) => x.id === id);
      if (l?.bbox) ctx.fitBounds(l.bbox);
    },
    mayChange: (l) => ctx.may('import layers') && l.ownerNation === ctx.user.nation,
  };
  states.set(ctx, state);

  // Others' imports, renames and deletions arrive live.
  let pending: ReturnType<typeof setTimeout> | undefined;
  ctx.live.onEvent((e) => {
    if (!e.type.startsWith('layer.')) return;
    if (e.type === 'layer.deleted' && typeof e.data.id === 'string') features.delete(e.data.id);
    clearTimeout(pending);
    pending = setTimeout(() => void reload(), 300);
  });
  installDrop(ctx, state);
  void reload();
  return state;
}

/**
 * Files dropped on the map are imported (name from the file, released to the user's nation).
 * For a user who may not import, the drop is refused with a message (never the browser's
 * default of opening the file in place of the dashboard).
 */
function installDrop(ctx: AppContext, state: LayersState): void {
  const node = ctx.map.getContainer();
  const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  node.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    node.classList.add('drop-target');
    node.setAttribute('data-drop-label', ctx.t('layers.dropHere'));
  });
  node.addEventListener('dragleave', () => node.classList.remove('drop-target'));
  node.addEventListener('drop', (e) => {
    node.classList.remove('drop-target');
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (!ctx.may('import layers')) {
      showToast(ctx.t('layers.readOnly'), {
        kind: 'alert',
        testid: 'imported-toast',
        closeLabel: ctx.t('layers.common.close'),
      });
      return;
    }
    for (const file of [...(e.dataTransfer?.files ?? [])])
      void state.importFile(file, { name: nameOfFile(file.name), releasability: 'nation' });
  });
}
