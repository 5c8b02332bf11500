/**
 * First-start seeding: the `admin` account (joint centre) when there is no user yet, and the
 * bundled demo data (ground stations; the demo constellation when it ships in data/).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Store } from '../store/index.js';
import { NATIONS } from '../store/index.js';
import { hashPassword } from './passwords.js';
import { audit } from './services/audit.js';

/** The package's bundled data directory (`data/` beside `dist/` and `src/`). */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const StationsFile = z.object({
  stations: z.array(
    z
      .object({
        id: z.string().min(1),
        name: z.string().min(1),
        nation: z.enum(NATIONS),
        latitudeDeg: z.number().min(-90).max(90),
        longitudeDeg: z.number().min(-180).max(180),
        altitudeM: z.number(),
        minElevationDeg: z.number(),
      })
      .loose(),
  ),
});

export interface SeedOutcome {
  /** Set when the admin account was created now; `generated` when the password was made up. */
  readonly admin: { readonly password: string; readonly generated: boolean } | null;
  readonly stations: number;
}

export async function seed(
  store: Store,
  o: {
    adminPassword?: string | undefined;
    demoData: boolean;
    nowMs: number;
    newId: () => string;
    dataDir?: string;
  },
): Promise<SeedOutcome> {
  let admin: SeedOutcome['admin'] = null;
  if ((await store.users.count()) === 0) {
    const generated = !o.adminPassword;
    const password = o.adminPassword || randomBytes(15).toString('base64url');
    const passwordHash = await hashPassword(password);
    const created = await store.transaction(async (tx) => {
      if ((await tx.users.count()) > 0) return false; // another process seeded meanwhile
      const u = await tx.users.insert({
        id: o.newId(),
        username: 'admin',
        passwordHash,
        role: 'admin',
        nation: 'AES',
        nowMs: o.nowMs,
      });
      await audit(
        tx,
        o.nowMs,
        null,
        'user.create',
        { type: 'user', id: u.id },
        { username: 'admin', role: 'admin', nation: 'AES', seeded: true },
      );
      return true;
    });
    if (created) admin = { password, generated };
  }
  let stations = 0;
  if (
    o.demoData &&
    (await store.settings.claimMeta('demo-data-seeded', new Date(o.nowMs).toISOString()))
  ) {
    const dir = o.dataDir ?? BUNDLED_DATA_DIR;
    const file = `${dir}stations.json`;
    if (existsSync(file)) {
      const parsed = StationsFile.parse(JSON.parse(readFileSync(file, 'utf8')));
      for (const s of parsed.stations) {
        const { id, name, nation, latitudeDeg, longitudeDeg, altitudeM, minElevationDeg, ...rest } =
          s;
        await store.catalogue.upsertStation({
          id,
          name,
          nation,
          latDeg: latitudeDeg,
          lonDeg: longitudeDeg,
          altM: altitudeM,
          minElevationDeg,
          data: rest,
        });
        stations++;
      }
    }
  }
  return { admin, stations };
}
