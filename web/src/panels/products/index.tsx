/**
 * Products panel: flood and change polygons over the map (one overlay per shown product) with
 * their per-region figures; a new product appears live (`product.created`).
 */
import type { FeatureCollection } from 'geojson';
import { useEffect, useState } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import { itemsOf, type List, type ProductDto } from '../../panel-kit/dto.js';
import { errorText } from '../../panel-kit/errors.js';
import { onScreen } from '../../panel-kit/onscreen.js';
import { showToast } from '../../panel-kit/toasts.js';
import { Busy, ErrorBox } from '../../panel-kit/ui.js';
import { useLoad } from '../../panel-kit/use-load.js';

const COLOURS = { flood: '#1971c2', change: '#c2255c' } as const;
const overlayId = (id: string) => `product-${id}`;

function num(ctx: AppContext, x: number, digits = 1): string {
  return x.toLocaleString(ctx.lang.value === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: digits,
  });
}

function Stats(p: { ctx: AppContext; product: ProductDto }) {
  const { ctx, product } = p;
  const s = product.stats;
  const pct = (x: number) => `${num(ctx, x * 100)} %`;
  return (
    <div class="product-stats" data-testid="product-stats">
      <h4>{ctx.t('products.stats')}</h4>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{ctx.t('products.col.region')}</th>
            <th scope="col">{ctx.t('products.col.nation')}</th>
            <th scope="col">{ctx.t('products.col.area')}</th>
            <th scope="col">{ctx.t('products.col.share')}</th>
            <th scope="col">{ctx.t('products.col.previous')}</th>
            <th scope="col">{ctx.t('products.col.change')}</th>
          </tr>
        </thead>
        <tbody>
          {s.regions.map((r) => (
            <tr key={r.regionId}>
              <th scope="row">{r.name}</th>
              <td>{r.nation}</td>
              <td>{num(ctx, r.areaKm2)}</td>
              <td>{pct(r.share)}</td>
              <td>{r.previousAreaKm2 === null ? '—' : num(ctx, r.previousAreaKm2)}</td>
              <td>
                {r.previousAreaKm2 === null
                  ? '—'
                  : `${r.areaKm2 >= r.previousAreaKm2 ? '+' : ''}${num(ctx, r.areaKm2 - r.previousAreaKm2)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.aois.length > 0 && (
        <>
          <h4>{ctx.t('products.aois')}</h4>
          <ul>
            {s.aois.map((a) => (
              <li key={a.aoiId}>
                {ctx.t('products.aoi', {
                  name: a.name,
                  area: num(ctx, a.areaKm2),
                  share: pct(a.share),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {s.towns.length > 0 && (
        <>
          <h4>{ctx.t('products.towns')}</h4>
          <ul>
            {s.towns.slice(0, 12).map((t) => (
              <li key={`${t.name}-${t.latitudeDeg}`}>
                {ctx.t('products.town', {
                  name: t.name,
                  nation: t.nation,
                  population: num(ctx, t.population, 0),
                  where: t.inside
                    ? ctx.t('products.town.inside')
                    : ctx.t('products.town.near', { km: num(ctx, t.distanceKm) }),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <a href={`/api/v1/products/${encodeURIComponent(product.id)}/stats.csv`} download>
        {ctx.t('products.stats.csv')}
      </a>
    </div>
  );
}

function ProductsPanel({ ctx }: { ctx: AppContext }) {
  const list = useLoad(() => ctx.api.get<List<ProductDto> | ProductDto[]>('/products'), []);
  const [shown, setShown] = useState<Record<string, FeatureCollection>>({});
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const items = itemsOf(list.data)
    .slice()
    .sort((a, b) => b.acquiredAt.localeCompare(a.acquiredAt));

  const show = async (p: ProductDto) => {
    setError(null);
    try {
      const fc = await ctx.api.get<FeatureCollection>(
        `/products/${encodeURIComponent(p.id)}/geometry`,
      );
      ctx.setOverlay(overlayId(p.id), fc, {
        fill: COLOURS[p.type] ?? '#1971c2',
        line: COLOURS[p.type] ?? '#1971c2',
      });
      setShown((old) => ({ ...old, [p.id]: fc }));
    } catch (e) {
      setError(e);
    }
  };
  const hide = (id: string) => {
    ctx.clearOverlay(overlayId(id));
    setShown((old) => {
      const { [id]: _gone, ...rest } = old;
      return rest;
    });
  };

  useEffect(() => {
    const off = ctx.live.onEvent((e) => {
      if (e.type !== 'product.created') return;
      const p = e.data as unknown as ProductDto;
      list.set((old) => {
        const prev = itemsOf(old);
        if (prev.some((x) => x.id === p.id)) return old;
        return { items: [p, ...prev], total: prev.length + 1 };
      });
      showToast(ctx.t('products.new', { title: p.title }), {
        testid: 'product-toast',
        closeLabel: ctx.t('products.common.close'),
      });
      void show(p);
    });
    return () => {
      off();
    };
  }, []);
  // the newest product is shown when the list first arrives
  useEffect(() => {
    const first = items[0];
    if (first && Object.keys(shown).length === 0) void show(first);
  }, [list.data === null]);
  useEffect(() => {
    onScreen(ctx).products.value = items
      .filter((p) => shown[p.id])
      .map((p) => ({ product: p, geometry: shown[p.id]! }));
  }, [shown, list.data]);
  useEffect(() => () => Object.keys(shown).forEach((id) => ctx.clearOverlay(overlayId(id))), []);

  return (
    <div class="panel products-panel">
      <Busy ns="products" ctx={ctx} when={list.loading} />
      <ErrorBox ns="products" ctx={ctx} error={list.error} retry={list.reload} />
      {error !== null && (
        <p class="panel-error" role="alert">
          {errorText(ctx, error, 'products')}
        </p>
      )}
      {list.data &&
        (items.length === 0 ? (
          <p>{ctx.t('products.none')}</p>
        ) : (
          <p>{ctx.t('products.total', { n: items.length })}</p>
        ))}
      <ul class="product-list">
        {items.map((p) => (
          <li key={p.id} data-testid="product-item">
            <button
              type="button"
              class="link"
              aria-expanded={open === p.id}
              onClick={() => setOpen(open === p.id ? null : p.id)}
            >
              {ctx.t('products.item', {
                type: ctx.t(`products.type.${p.type}`),
                title: p.title,
                at: ctx.formatTime(p.acquiredAt, { date: true }),
                area: num(ctx, p.areaKm2),
              })}
            </button>{' '}
            {shown[p.id] ? (
              <button type="button" onClick={() => hide(p.id)}>
                {ctx.t('products.hide')}
              </button>
            ) : (
              <button type="button" onClick={() => void show(p)}>
                {ctx.t('products.show')}
              </button>
            )}{' '}
            <button type="button" onClick={() => ctx.fitBounds(p.bbox)}>
              {ctx.t('products.zoom')}
            </button>
            {open === p.id && <Stats ctx={ctx} product={p} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const panel: Panel = {
  id: 'products',
  titleKey: 'products.title',
  visible: () => true,
  Component: ProductsPanel,
};
