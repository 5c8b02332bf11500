/**
 * Table types of the operations database, shared by both dialects (SQLite and PostgreSQL).
 * Conventions: instants are integer milliseconds since 1970-01-01 UTC (`…_ms` columns, BIGINT on
 * PostgreSQL); JSON documents are stored as text (identical on both backends); booleans are
 * integers 0/1 (SQLite has no boolean type).
 */
import type { Generated } from 'kysely';
import type { ProductsTable, StacCollectionsTable, StacItemsTable } from './schema-products.js';

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  nation: string;
  disabled: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the bearer token: the token itself is never stored. */
  id: string;
  /** Public identifier of the session (for listing and revoking), unrelated to the token. */
  public_id: string;
  user_id: string;
  created_at_ms: number;
  expires_at_ms: number;
  revoked_at_ms: number | null;
  user_agent: string | null;
  ip: string | null;
}

export interface RequestsTable {
  id: string;
  title: string;
  description: string;
  aoi: string;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  priority: number;
  window_start_ms: number;
  window_end_ms: number;
  sensor_type: string;
  releasability: string;
  owner_nation: string;
  created_by: string;
  status: string;
  created_at_ms: number;
  updated_at_ms: number;
  version: number;
  /** Planning constraints (JSON), null when none (migration 004). */
  constraints?: string | null;
}

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: string;
  from_status: string | null;
  to_status: string;
  at_ms: number;
  user_id: string | null;
  reason: string | null;
}

export interface PlansTable {
  id: string;
  name: string;
  created_by: string;
  created_at_ms: number;
  updated_at_ms: number;
  latest_version: number;
}

export interface PlanVersionsTable {
  plan_id: string;
  version: number;
  created_at_ms: number;
  created_by: string;
  reason: string;
  horizon_start_ms: number;
  horizon_end_ms: number;
  job_id: string | null;
  /** The planner's answer (JSON), null for versions made by hand (migration 004). */
  details: string | null;
}

export interface AcquisitionsTable {
  id: string;
  plan_id: string;
  plan_version: number;
  request_id: string | null;
  satellite_id: string;
  sensor_id: string | null;
  start_ms: number;
  end_ms: number;
  status: string;
  owner_nation: string | null;
  releasability: string;
  updated_at_ms: number;
}

export interface AuditTable {
  seq: number;
  at_ms: number;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  /** The nation the entry is visible to, or null when every admin may read it. */
  nation: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SatellitesTable {
  id: string;
  catalog_number: number;
  name: string;
  object_id: string;
  created_at_ms: number;
  updated_at_ms: number;
  latest_epoch_ms: number | null;
}

export interface ElementSetsTable {
  id: Generated<number>;
  satellite_id: string;
  epoch_ms: number;
  line1: string;
  line2: string;
  name: string;
  source: string;
  imported_at_ms: number;
  imported_by: string | null;
}

export interface StationsTable {
  id: string;
  name: string;
  nation: string;
  lat_deg: number;
  lon_deg: number;
  alt_m: number;
  min_elevation_deg: number;
  data: string;
}

export interface SensorsTable {
  id: string;
  satellite_id: string | null;
  name: string;
  type: string;
  data: string;
}

export interface AoisTable {
  id: string;
  name: string;
  geometry: string;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  owner_nation: string;
  releasability: string;
  created_by: string | null;
  created_at_ms: number;
}

export interface JobsTable {
  id: string;
  type: string;
  status: string;
  params: string;
  priority: number;
  owner_nation: string;
  releasability: string;
  created_by: string;
  created_at_ms: number;
  updated_at_ms: number;
  started_at_ms: number | null;
  finished_at_ms: number | null;
  run_after_ms: number;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  lease_until_ms: number | null;
  cancel_requested: number;
  progress: number;
  progress_message: string | null;
  checkpoint: string | null;
  result: string | null;
  error: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at_ms: number;
  updated_by: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  requests: RequestsTable;
  request_events: RequestEventsTable;
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  acquisitions: AcquisitionsTable;
  audit: AuditTable;
  audit_head: AuditHeadTable;
  satellites: SatellitesTable;
  element_sets: ElementSetsTable;
  stations: StationsTable;
  sensors: SensorsTable;
  aois: AoisTable;
  jobs: JobsTable;
  settings: SettingsTable;
  meta: MetaTable;
  products: ProductsTable;
  stac_collections: StacCollectionsTable;
  stac_items: StacItemsTable;
}
