/**
 * First-start seeding: the `admin` account (joint centre) when there is no user yet, the
 * national ground stations, and (unless disabled) the bundled demo data: the demo constellation (designed orbits
 * built into element sets) with one sensor per imaging satellite, and demo areas of interest.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseConstellation, parseStations } from '../io/bundled-data.js';
import { parseSensors } from '../io/sensors.js';
import { formatTle } from '../orbit/tle-lines.js';
import type { Store } from '../store/index.js';
import { NATIONS, RELEASABILITIES } from '../store/index.js';
import { hashPassword } from './passwords.js';
import { AoiGeometry } from './schemas/common.js';
import { audit } from './services/audit.js';
import { geometryBBox } from './services/geometry.js';

/** The package's bundled data directory (`data/` beside `dist/` and `src/`). */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const AoisFile = z.object({
  aois: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      nation: z.enum(NATIONS),
      releasability: z.enum(RELEASABILITIES),
      geometry: AoiGeometry,
    }),
  ),
});

export interface SeedOutcome {
  /** Set when the admin account was created now; `generated` when the password was made up. */
  readonly admin: { readonly password: string; readonly generated: boolean } | null;
  readonly stations: number;
  readonly satellites: number;
  readonly aois: number;
}

export interface SeedOptions {
  readonly adminPassword?: string | undefined;
  readonly demoData: boolean;
  readonly nowMs: number;
  readonly newId: () => string;
  /** Directory of the demo data (default: the bundled one). */
  readonly dataDir?: string;
}

async function seedAdmin(store: Store, o: SeedOptions): Promise<SeedOutcome['admin']> {
  if ((await store.users.count()) > 0) return null;
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
  return created ? { password, generated } : null;
}

export async function seed(store: Store, o: SeedOptions): Promise<SeedOutcome> {
  const admin = await seedAdmin(store, o);
  const out = { admin, stations: 0, satellites: 0, aois: 0 };
  const dir = o.dataDir ?? BUNDLED_DATA_DIR;
  const read = (name: string): [string, string] | null => {
    const file = join(dir, name);
    return existsSync(file) ? [readFileSync(file, 'utf8'), file] : null;
  };
  // The national ground stations are the programme's own: always seeded (once).
  if (await store.settings.claimMeta('stations-seeded', new Date(o.nowMs).toISOString())) {
    const stations = read('stations.json');
    for (const s of stations ? parseStations(...stations) : []) {
      const { id, name, nation, latitudeDeg, longitudeDeg, altitudeM, minElevationDeg, ...rest } =
        s;
      await store.catalogue.upsertStation({
        id,
        name,
        nation: (nation || 'AES') as (typeof NATIONS)[number],
        latDeg: latitudeDeg,
        lonDeg: longitudeDeg,
        altM: altitudeM,
        minElevationDeg,
        data: rest,
      });
      out.stations++;
    }
  }
  if (
    !o.demoData ||
    !(await store.settings.claimMeta('demo-data-seeded', new Date(o.nowMs).toISOString()))
  )
    return out;
  const constellation = read('constellation.json');
  // Designed (not yet launched) satellites: their element sets are built at the start of the
  // seeding day, not at the file's fixed epoch, so that the planner (which refuses element sets
  // more than 60 days from a plan's start) and the passes of a fresh demo are meaningful today.
  const epochMs = Math.floor(o.nowMs / 86_400_000) * 86_400_000;
  const designed = constellation ? parseConstellation(...constellation, { epochMs }) : [];
  // The sensor each designed satellite names in sensors.json: its geometry (off-nadir limit,
  // swath, incidence) goes with the stored sensor, for the dashboard's footprints.
  const sensorFile = read('sensors.json');
  const specs = new Map((sensorFile ? parseSensors(...sensorFile) : []).map((x) => [x.id, x]));
  await store.transaction(async (tx) => {
    const sets = designed.map((d) => {
      const [line1, line2] = formatTle(d.elements);
      return {
        satelliteId: d.id,
        catalogNumber: d.elements.catalogNumber,
        name: d.elements.name,
        objectId: d.elements.objectId,
        epochMs: d.elements.epochMs,
        line1,
        line2,
      };
    });
    await tx.catalogue.importElementSets(sets, {
      source: 'demo-constellation',
      importedBy: null,
      nowMs: o.nowMs,
      newId: o.newId,
    });
    for (const d of designed) {
      if (d.role !== 'optical' && d.role !== 'sar') continue;
      await tx.catalogue.upsertSensor({
        id: `${d.id}-${d.role}`,
        satelliteId: d.id,
        name: `${d.elements.name} ${d.role === 'sar' ? 'SAR' : 'imager'}`,
        type: d.role,
        data: { design: d.design, ...(d.sensorId ? specs.get(d.sensorId) : {}) },
      });
    }
  });
  out.satellites = designed.length;
  const aois = read('aois.json');
  for (const a of aois ? AoisFile.parse(JSON.parse(aois[0])).aois : []) {
    await store.catalogue.insertAoi({
      id: a.id,
      name: a.name,
      geometry: a.geometry,
      bbox: geometryBBox(a.geometry),
      ownerNation: a.nation,
      releasability: a.releasability,
      createdBy: null,
      createdAtMs: o.nowMs,
    });
    out.aois++;
  }
  return out;
}
