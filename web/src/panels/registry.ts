/**
 * The side-panel tabs, in display order. A panel is a folder `web/src/panels/<name>/` with
 * `index.tsx` (`export const panel: Panel`) and `messages.ts` (`export const messages: Messages`,
 * keys namespaced `<panel>.<key>`). Add one line here to add a panel; the shell shows it only
 * when `panel.visible(ctx)` is true and merges its messages into `ctx.t`.
 */
import type { Messages, Panel } from '../app/context.js';
import { messages as satellitesMessages } from './satellites/messages.js';
import { panel as satellitesPanel } from './satellites/index.js';

export interface PanelEntry {
  readonly panel: Panel;
  readonly messages: Messages;
}

export const registry: readonly PanelEntry[] = [
  { panel: satellitesPanel, messages: satellitesMessages },
];
