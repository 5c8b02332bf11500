/**
 * Layers panel: the map layers users imported (rivers, roads, sites… from GeoJSON or KML). Import
 * from a file (or by dropping it on the map), then per layer: show or hide, colour, zoom to,
 * rename, delete — changes only offered to who may make them (the owner nation's analysts,
 * operators and admins). The layers are drawn whatever panel is open (state.ts).
 */
import { useState } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import { isApiError } from '../../panel-kit/errors.js';
import { Busy, ErrorBox } from '../../panel-kit/ui.js';
import { type LayerDto, layersState, nameOfFile } from './state.js';

function ImportForm(p: { ctx: AppContext }) {
  const { ctx } = p;
  const st = layersState(ctx);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [rel, setRel] = useState<'nation' | 'alliance'>('nation');
  const [colour, setColour] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    const l = await st.importFile(file, {
      name: name.trim() || nameOfFile(file.name),
      releasability: rel,
      ...(colour ? { colour } : {}),
    });
    if (l) {
      setFile(null);
      setName('');
      setColour('');
      (e.target as HTMLFormElement).reset();
    }
  };
  const err = st.importError.value;
  const issues = isApiError(err) ? (err.issues ?? []) : [];
  return (
    <form
      onSubmit={(e) => void submit(e)}
      data-testid="imported-import"
      aria-busy={st.importing.value}
    >
      <fieldset>
        <legend>{ctx.t('layers.import')}</legend>
        <label>
          {ctx.t('layers.file')}
          <input
            type="file"
            accept=".geojson,.json,.kml,application/geo+json,application/vnd.google-earth.kml+xml"
            data-testid="imported-file"
            onChange={(e) => {
              const f = (e.target as HTMLInputElement).files?.[0] ?? null;
              setFile(f);
              setMissing(false);
              if (f && !name) setName(nameOfFile(f.name));
            }}
          />
        </label>
        <label>
          {ctx.t('layers.name')}
          <input
            type="text"
            value={name}
            maxLength={200}
            data-testid="imported-name"
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {ctx.t('layers.releasability')}
          <select
            value={rel}
            data-testid="imported-rel"
            onChange={(e) => setRel((e.target as HTMLSelectElement).value as 'nation' | 'alliance')}
          >
            <option value="nation">{ctx.t('layers.rel.nation')}</option>
            <option value="alliance">{ctx.t('layers.rel.alliance')}</option>
          </select>
        </label>
        <label>
          {ctx.t('layers.colour')}{' '}
          <input
            type="color"
            value={colour || '#22b8cf'}
            data-testid="imported-colour"
            onInput={(e) => setColour((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" disabled={st.importing.value} data-testid="imported-submit">
          {st.importing.value ? ctx.t('layers.importing') : ctx.t('layers.submit')}
        </button>
        {missing && (
          <p class="panel-error" role="alert">
            {ctx.t('layers.noFile')}
          </p>
        )}
        <p class="hint">{ctx.t('layers.drop')}</p>
      </fieldset>
      {err !== null && (
        <div data-testid="imported-import-error">
          <ErrorBox ns="layers" ctx={ctx} error={issues.length ? { ...err, issues: [] } : err} />
          {issues.length > 0 && (
            <>
              <p>{ctx.t('layers.problems')}</p>
              <ul class="layer-issues" data-testid="imported-issues">
                {issues.map((i, k) => (
                  <li key={k}>
                    <code>{i.path.replace(/^body\.text\.?/, '') || '(root)'}</code>
                    {i.line !== undefined && <> ({ctx.t('layers.line', { line: i.line })})</>}:{' '}
                    {i.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}

function LayerItem(p: { ctx: AppContext; l: LayerDto }) {
  const { ctx, l } = p;
  const st = layersState(ctx);
  const [renaming, setRenaming] = useState(false);
  const [newName, setNewName] = useState(l.name);
  const [error, setError] = useState<unknown>(null);
  const shown = !st.hidden.value.has(l.id);
  const may = st.mayChange(l);
  const act = (f: () => Promise<void>) => {
    setError(null);
    f().catch((e: unknown) => setError(e));
  };
  const nation = ctx.t(`layers.common.nation.${l.ownerNation}`);
  return (
    <li class="layer-item" data-testid="imported-item" data-layer-id={l.id}>
      <div class="layer-row">
        <span class="layer-swatch" style={{ background: l.colour }} aria-hidden="true" />
        <label class="layer-show">
          <input
            type="checkbox"
            checked={shown}
            data-testid="imported-visible"
            aria-label={ctx.t('layers.show', { name: l.name })}
            onChange={(e) => st.setVisible(l.id, (e.target as HTMLInputElement).checked)}
          />{' '}
          <span data-testid="imported-name-text">{l.name}</span>
        </label>
      </div>
      <div class="meta">
        {ctx.t('layers.meta', {
          features: l.featureCount,
          types: l.geometryTypes.join(', '),
          format: l.sourceFormat === 'kml' ? 'KML' : 'GeoJSON',
          nation,
          rel: ctx.t(`layers.rel.${l.releasability}`),
        })}
        {l.simplified && (
          <>
            {' · '}
            {ctx.t('layers.simplified', {
              shown: l.displayPositionCount,
              total: l.positionCount,
            })}
          </>
        )}
      </div>
      <div class="layer-actions">
        {l.bbox && (
          <button
            type="button"
            aria-label={ctx.t('layers.zoomTo', { name: l.name })}
            data-testid="imported-zoom"
            onClick={() => st.zoomTo(l.id)}
          >
            {ctx.t('layers.zoom')}
          </button>
        )}
        {may && (
          <>
            <input
              type="color"
              value={l.colour}
              aria-label={ctx.t('layers.colourOf', { name: l.name })}
              data-testid="imported-item-colour"
              onChange={(e) =>
                act(() => st.update(l.id, { colour: (e.target as HTMLInputElement).value }))
              }
            />
            <button
              type="button"
              aria-expanded={renaming}
              data-testid="imported-rename"
              onClick={() => {
                setNewName(l.name);
                setRenaming(!renaming);
              }}
            >
              {ctx.t('layers.rename')}
            </button>
            <button
              type="button"
              class="danger"
              aria-label={ctx.t('layers.deleteOf', { name: l.name })}
              data-testid="imported-delete"
              onClick={() => {
                if (window.confirm(ctx.t('layers.confirmDelete', { name: l.name })))
                  act(() => st.remove(l.id));
              }}
            >
              {ctx.t('layers.delete')}
            </button>
          </>
        )}
      </div>
      {renaming && (
        <form
          class="layer-rename"
          onSubmit={(e) => {
            e.preventDefault();
            act(async () => {
              await st.update(l.id, { name: newName.trim() });
              setRenaming(false);
            });
          }}
        >
          <label>
            {ctx.t('layers.renameTo', { name: l.name })}
            <input
              type="text"
              value={newName}
              maxLength={200}
              required
              data-testid="imported-rename-input"
              onInput={(e) => setNewName((e.target as HTMLInputElement).value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setRenaming(false);
              }}
            />
          </label>
          <button type="submit">{ctx.t('layers.save')}</button>{' '}
          <button type="button" onClick={() => setRenaming(false)}>
            {ctx.t('layers.cancel')}
          </button>
        </form>
      )}
      <ErrorBox ns="layers" ctx={ctx} error={error} />
    </li>
  );
}

function LayersPanel(p: { ctx: AppContext }) {
  const { ctx } = p;
  const st = layersState(ctx);
  const list = st.layers.value;
  return (
    <section class="panel layers-panel" aria-labelledby="layers-h">
      <h2 id="layers-h">{ctx.t('layers.title')}</h2>
      {ctx.may('import layers') ? (
        <ImportForm ctx={ctx} />
      ) : (
        <p class="hint">{ctx.t('layers.readOnly')}</p>
      )}
      <h3>{ctx.t('layers.list')}</h3>
      <Busy ns="layers" ctx={ctx} when={st.loading.value && list.length === 0} />
      <ErrorBox ns="layers" ctx={ctx} error={st.error.value} retry={() => void st.reload()} />
      {!st.loading.value && list.length === 0 && <p class="muted">{ctx.t('layers.none')}</p>}
      <ul class="layer-list" data-testid="imported-list">
        {[...list].reverse().map((l) => (
          <LayerItem key={`${l.id}-${l.version}`} ctx={ctx} l={l} />
        ))}
      </ul>
    </section>
  );
}

export const panel: Panel = {
  id: 'layers',
  titleKey: 'layers.title',
  // Imported layers are on the map for everyone, whatever tab is open: start them with the shell.
  visible: (ctx) => {
    layersState(ctx);
    return true;
  },
  Component: LayersPanel,
};
