/**
 * Tables of imagery products and of the STAC catalogue (migration 002). Same conventions as
 * `schema.ts`: instants in UTC ms, JSON documents as text, bounding boxes as four columns so both
 * backends can prefilter spatially with plain comparisons.
 */

export interface ProductsTable {
  id: string;
  type: string;
  title: string;
  created_at_ms: number;
  created_by: string;
  acquired_at_ms: number;
  owner_nation: string;
  releasability: string;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  area_km2: number;
  /** GeoJSON FeatureCollection (WGS-84 polygons). */
  geometry: string;
  /** ZonalStats (JSON). */
  stats: string;
  /** JSON object: how the product was made (free form), or null. */
  method: string | null;
  /** JSON array of scene ids. */
  source_scenes: string;
  aoi_id: string | null;
  job_id: string | null;
  stac_item_id: string;
  previous_id: string | null;
}

export interface StacCollectionsTable {
  id: string;
  title: string;
  description: string;
  /** The rest of the collection document (license, keywords, providers, summaries…), JSON. */
  document: string;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface StacItemsTable {
  collection_id: string;
  id: string;
  /** Nominal instant of the item (`properties.datetime`), UTC ms. */
  datetime_ms: number;
  /** Start and end of the item's interval (equal to datetime when it has none). */
  start_ms: number;
  end_ms: number;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  /** GeoJSON geometry. */
  geometry: string;
  /** STAC properties (JSON), datetime included. */
  properties: string;
  /** STAC assets (JSON). */
  assets: string;
  /** Links of the item beyond the navigation ones the API adds (JSON array). */
  links: string;
  /** JSON array of STAC extension schema URIs. */
  extensions: string;
  owner_nation: string;
  releasability: string;
  created_at_ms: number;
  updated_at_ms: number;
}
