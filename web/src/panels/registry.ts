/**
 * The side-panel tabs, in display order. A panel is a folder `web/src/panels/<name>/` with
 * `index.tsx` (`export const panel: Panel`) and `messages.ts` (`export const messages: Messages`,
 * keys namespaced `<panel>.<key>`). Add one line here to add a panel; the shell shows it only
 * when `panel.visible(ctx)` is true and merges its messages into `ctx.t`.
 */
import type { Messages, Panel } from '../app/context.js';
import { messages as satellitesMessages } from './satellites/messages.js';
import { panel as satellitesPanel } from './satellites/index.js';
import { messages as passesMessages } from './passes/messages.js';
import { panel as passesPanel } from './passes/index.js';
import { messages as requestsMessages } from './requests/messages.js';
import { panel as requestsPanel } from './requests/index.js';
import { messages as plansMessages } from './plans/messages.js';
import { panel as plansPanel } from './plans/index.js';
import { messages as productsMessages } from './products/messages.js';
import { panel as productsPanel } from './products/index.js';
import { messages as alertsMessages } from './alerts/messages.js';
import { panel as alertsPanel } from './alerts/index.js';
import { messages as exportMessages } from './export/messages.js';
import { panel as exportPanel } from './export/index.js';
import { messages as linkMessages } from './link/messages.js';
import { panel as linkPanel } from './link/index.js';
import { messages as layersMessages } from './layers/messages.js';
import { panel as layersPanel } from './layers/index.js';

export interface PanelEntry {
  readonly panel: Panel;
  readonly messages: Messages;
}

export const registry: readonly PanelEntry[] = [
  { panel: satellitesPanel, messages: satellitesMessages },
  { panel: passesPanel, messages: passesMessages },
  { panel: requestsPanel, messages: requestsMessages },
  { panel: plansPanel, messages: plansMessages },
  { panel: productsPanel, messages: productsMessages },
  { panel: alertsPanel, messages: alertsMessages },
  { panel: layersPanel, messages: layersMessages },
  { panel: exportPanel, messages: exportMessages },
  { panel: linkPanel, messages: linkMessages },
];
