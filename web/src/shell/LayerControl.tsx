/** Shows or hides groups of map layers (a disclosure with checkboxes: keyboard usable). */
import { useState } from 'preact/hooks';
import type { AppContext } from '../app/context.js';

/** Groups of layer ids (web/src/map/layers.ts, satellites.ts); `satellites` is the dot canvas. */
const GROUPS: ReadonlyArray<{ key: string; layers: readonly string[] }> = [
  { key: 'shell.map.regions', layers: ['regions-line', 'regions-label'] },
  { key: 'shell.map.strips', layers: ['border-strips-fill', 'borders-line'] },
  { key: 'shell.map.towns', layers: ['towns-circle', 'towns-label'] },
  { key: 'shell.map.aois', layers: ['aois-fill', 'aois-line'] },
  {
    key: 'shell.map.stations',
    layers: ['station-circles-line', 'stations-symbol', 'stations-label'],
  },
  {
    key: 'shell.map.tracks',
    layers: [
      'sat-track-past',
      'sat-track-future',
      'sat-regard-fill',
      'sat-regard-line',
      'sat-swath-fill',
    ],
  },
  { key: 'shell.map.satellites', layers: [] },
];

export function LayerControl({ ctx }: { ctx: AppContext }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string, layers: readonly string[]) => {
    const next = new Set(hidden);
    const show = next.has(key);
    if (show) next.delete(key);
    else next.add(key);
    for (const id of layers)
      if (ctx.map.getLayer(id))
        ctx.map.setLayoutProperty(id, 'visibility', show ? 'visible' : 'none');
    if (key === 'shell.map.satellites') {
      const canvas = ctx.map.getContainer().querySelector<HTMLCanvasElement>('.satellite-canvas');
      if (canvas) canvas.style.visibility = show ? 'visible' : 'hidden';
    }
    setHidden(next);
  };
  return (
    <details class="layer-control" data-testid="layer-control">
      <summary>{ctx.t('shell.map.layers')}</summary>
      <fieldset>
        <legend class="visually-hidden">{ctx.t('shell.map.layers')}</legend>
        {GROUPS.map((g) => (
          <label class="inline" key={g.key}>
            <input
              type="checkbox"
              checked={!hidden.has(g.key)}
              onChange={() => toggle(g.key, g.layers)}
              data-testid={`layer-${g.key.split('.').pop()}`}
            />
            {ctx.t(g.key)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
