/** Run-time settings (admin): stored, audited, with defaults from the server options. */
import type { z } from 'zod';
import type { ServiceDeps } from '../context.js';
import { type Caller, requirePermission } from '../policy.js';
import type { Settings } from '../schemas/ops.js';
import { audit } from './audit.js';

type SettingsValue = z.infer<typeof Settings>;

export function settingsService(deps: ServiceDeps, defaults: { livePositionsIntervalMs: number }) {
  const { store, clock } = deps;
  return {
    async get(): Promise<SettingsValue> {
      const stored = (await store.settings.all()) as SettingsValue;
      return { livePositionsIntervalMs: defaults.livePositionsIntervalMs, ...stored };
    },
    async update(caller: Caller, changes: SettingsValue): Promise<SettingsValue> {
      requirePermission(caller, 'change settings');
      const now = clock();
      const before = (await store.settings.all()) as Record<string, unknown>;
      await store.transaction(async (tx) => {
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined) continue;
          await tx.settings.set(k, v, caller.id, now);
        }
        const diff = Object.fromEntries(
          Object.entries(changes).map(([k, v]) => [k, [before[k] ?? null, v]]),
        );
        await audit(tx, now, caller, 'settings.update', { type: 'settings', id: 'server' }, diff);
      });
      return this.get();
    },
  };
}
