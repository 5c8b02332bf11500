/**
 * Side-panel tabs (WAI-ARIA tabs: arrow keys, Home, End). Only the panels whose `visible(ctx)`
 * is true; the chosen tab is remembered; selecting a satellite opens the satellites panel.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppContext } from '../app/context.js';
import type { PanelEntry } from '../panels/registry.js';

const STORAGE_KEY = 'sahelsat.panel';

export function PanelTabs(p: { ctx: AppContext; entries: readonly PanelEntry[] }) {
  const { ctx } = p;
  const panels = p.entries.map((e) => e.panel).filter((panel) => panel.visible(ctx));
  const [active, setActive] = useState<string>(() => {
    const stored = localStorage.getItem(STORAGE_KEY);
    return panels.some((x) => x.id === stored) ? stored! : (panels[0]?.id ?? '');
  });
  const tabs = useRef<HTMLDivElement>(null);
  const choose = (id: string, focus = false) => {
    setActive(id);
    localStorage.setItem(STORAGE_KEY, id);
    if (focus) tabs.current?.querySelector<HTMLButtonElement>(`#tab-${id}`)?.focus();
  };
  const selected = ctx.selection.satelliteId.value;
  useEffect(() => {
    if (selected && panels.some((x) => x.id === 'satellites')) choose('satellites');
  }, [selected]);
  if (panels.length === 0) return <p class="muted pad">{ctx.t('shell.no-panel')}</p>;
  const current = panels.find((x) => x.id === active) ?? panels[0]!;
  const onKey = (e: KeyboardEvent) => {
    const i = panels.findIndex((x) => x.id === current.id);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? (i + 1) % panels.length
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? (i - 1 + panels.length) % panels.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? panels.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    choose(panels[next]!.id, true);
  };
  const Component = current.Component;
  return (
    <div class="tabs">
      <div
        role="tablist"
        aria-label={ctx.t('shell.panels')}
        class="tablist"
        ref={tabs}
        onKeyDown={onKey}
      >
        {panels.map((x) => (
          <button
            type="button"
            role="tab"
            id={`tab-${x.id}`}
            key={x.id}
            aria-selected={x.id === current.id}
            aria-controls={`tabpanel-${x.id}`}
            tabIndex={x.id === current.id ? 0 : -1}
            onClick={() => choose(x.id)}
            data-testid={`tab-${x.id}`}
          >
            {ctx.t(x.titleKey)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`tabpanel-${current.id}`}
        aria-labelledby={`tab-${current.id}`}
        class="tabpanel"
        data-testid={`panel-${current.id}`}
      >
        <Component ctx={ctx} />
      </div>
    </div>
  );
}
