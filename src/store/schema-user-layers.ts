/**
 * Table type of migration 005 (user layers). Merged into `Database` by declaration merging, so
 * the shared schema file needs no edit.
 */
export interface UserLayersTable {
  id: string;
  name: string;
  colour: string;
  source_format: string;
  source_name: string | null;
  feature_count: number;
  position_count: number;
  /** JSON array of GeoJSON geometry type names. */
  geometry_types: string;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  /** GeoJSON FeatureCollection text, as imported. */
  features: string;
  display_features: string | null;
  display_position_count: number;
  owner_nation: string;
  releasability: string;
  created_by: string;
  created_at_ms: number;
  updated_at_ms: number;
  version: number;
}

declare module './schema.js' {
  interface Database {
    user_layers: UserLayersTable;
  }
}
