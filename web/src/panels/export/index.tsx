/**
 * Export panel: passes and plans as CSV/JSON, areas and products as GeoJSON/KML — what the other
 * panels show (the shared on-screen store); a panel not opened yet is fetched the same way it
 * would show it.
 */
import { useState } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import {
  itemsOf,
  type Aoi,
  type List,
  type Pass,
  type PassesAnswer,
  type PlanDto,
  type PlanVersionDetail,
  type RequestDto,
  type Station,
} from '../../panel-kit/dto.js';
import { onScreen } from '../../panel-kit/onscreen.js';
import { ErrorBox } from '../../panel-kit/ui.js';
import { windowStart } from '../passes/timeline.js';
import { areasCollection, fileName, passesCsv, planCsv, productsCollection } from './build.js';
import { download } from './download.js';
import { featureCollectionToKml } from './kml.js';

const NATIONAL = ['bamako', 'ouagadougou', 'niamey'];

async function currentPasses(ctx: AppContext): Promise<Pass[]> {
  const shown = onScreen(ctx).passes.value;
  if (shown) return shown.passes;
  const stations = itemsOf(await ctx.api.get<Station[]>('/stations')).filter((s) =>
    NATIONAL.includes(s.id),
  );
  const start = new Date(windowStart(ctx.time.now.value)).toISOString();
  const all = await Promise.all(
    stations.map((s) => ctx.api.get<PassesAnswer>('/passes', { station: s.id, hours: 24, start })),
  );
  return all.flatMap((a) => a.passes);
}

async function currentPlan(ctx: AppContext): Promise<PlanVersionDetail | null> {
  const shown = onScreen(ctx).plan.value;
  if (shown) return shown;
  const plans = itemsOf(await ctx.api.get<PlanDto[]>('/plans')).sort((a, b) =>
    b.updatedAt.localeCompare(a.updatedAt),
  );
  const p = plans[0];
  return p
    ? ctx.api.get<PlanVersionDetail>(
        `/plans/${encodeURIComponent(p.id)}/versions/${p.latestVersion}`,
      )
    : null;
}

async function currentAreas(ctx: AppContext): Promise<{ requests: RequestDto[]; aois: Aoi[] }> {
  const s = onScreen(ctx);
  const requests =
    s.requests.value ?? (await ctx.api.get<List<RequestDto>>('/requests', { limit: 500 })).items;
  const aois = s.aois.value ?? itemsOf(await ctx.api.get<Aoi[]>('/aois'));
  return { requests, aois };
}

type Format = 'csv' | 'json' | 'geojson' | 'kml';
const MIME: Record<Format, string> = {
  csv: 'text/csv',
  json: 'application/json',
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml',
};

function ExportPanel({ ctx }: { ctx: AppContext }) {
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = (what: string, ext: Format, text: string, n: number) => {
    const name = fileName(what, ctx.time.now.value, ext);
    download(name, text, MIME[ext]);
    setNote(ctx.t('export.saved', { file: name, n }));
  };
  const run = (fn: () => Promise<void>) => async () => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const passes = (ext: 'csv' | 'json') =>
    run(async () => {
      const ps = await currentPasses(ctx);
      save(
        'passes',
        ext,
        ext === 'csv' ? passesCsv(ps) : `${JSON.stringify(ps, null, 2)}\n`,
        ps.length,
      );
    });
  const plan = (ext: 'csv' | 'json') =>
    run(async () => {
      const v = await currentPlan(ctx);
      if (!v) return setNote(ctx.t('export.nothing'));
      save(
        `plan-${v.id}-v${v.version.version}`,
        ext,
        ext === 'csv' ? planCsv(v) : `${JSON.stringify(v, null, 2)}\n`,
        v.acquisitions.length,
      );
    });
  const areas = (ext: 'geojson' | 'kml') =>
    run(async () => {
      const { requests, aois } = await currentAreas(ctx);
      const fc = areasCollection(requests, aois);
      save(
        'areas',
        ext,
        ext === 'kml' ? featureCollectionToKml(fc, 'Sahelsat areas') : `${JSON.stringify(fc)}\n`,
        fc.features.length,
      );
    });
  const products = (ext: 'geojson' | 'kml') =>
    run(async () => {
      const shown = onScreen(ctx).products.value;
      if (shown.length === 0) return setNote(ctx.t('export.nothing'));
      const fc = productsCollection(shown);
      save(
        'products',
        ext,
        ext === 'kml' ? featureCollectionToKml(fc, 'Sahelsat products') : `${JSON.stringify(fc)}\n`,
        shown.length,
      );
    });
  const row = (label: string, buttons: Array<[string, () => Promise<void>, string]>) => (
    <li>
      <span>{label}</span>{' '}
      {buttons.map(([text, fn, id]) => (
        <button key={id} type="button" disabled={busy} data-testid={id} onClick={() => void fn()}>
          {text}
        </button>
      ))}
    </li>
  );
  return (
    <div class="panel export-panel">
      <p>{ctx.t('export.intro')}</p>
      <ul class="export-list">
        {row(ctx.t('export.passes'), [
          ['CSV', passes('csv'), 'export-passes-csv'],
          ['JSON', passes('json'), 'export-passes-json'],
        ])}
        {row(ctx.t('export.plan'), [
          ['CSV', plan('csv'), 'export-plan-csv'],
          ['JSON', plan('json'), 'export-plan-json'],
        ])}
        {row(ctx.t('export.areas'), [
          ['GeoJSON', areas('geojson'), 'export-areas-geojson'],
          ['KML', areas('kml'), 'export-areas-kml'],
        ])}
        {row(ctx.t('export.products'), [
          ['GeoJSON', products('geojson'), 'export-products-geojson'],
          ['KML', products('kml'), 'export-products-kml'],
        ])}
      </ul>
      {note && (
        <p role="status" data-testid="export-note">
          {note}
        </p>
      )}
      <ErrorBox ns="export" ctx={ctx} error={error} />
    </div>
  );
}

export const panel: Panel = {
  id: 'export',
  titleKey: 'export.title',
  visible: () => true,
  Component: ExportPanel,
};
