/**
 * Map layers imported by users (issue 7): rivers, roads, sites… from a GeoJSON or KML file. The
 * layer keeps its features as imported (GeoJSON text) and, for big layers, a simplified copy for
 * drawing; releasability as for requests and areas of interest.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

export function userLayersMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const ms = pg ? 'bigint' : 'integer';
  const real = pg ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('user_layers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('colour', 'text', (c) => c.notNull())
        .addColumn('source_format', 'text', (c) => c.notNull())
        .addColumn('source_name', 'text')
        .addColumn('feature_count', 'integer', (c) => c.notNull())
        .addColumn('position_count', 'integer', (c) => c.notNull())
        .addColumn('geometry_types', 'text', (c) => c.notNull())
        .addColumn('min_lon', real)
        .addColumn('min_lat', real)
        .addColumn('max_lon', real)
        .addColumn('max_lat', real)
        // The FeatureCollection as imported (coordinates untouched).
        .addColumn('features', 'text', (c) => c.notNull())
        // A simplified copy for drawing, null when the layer is small enough to draw as is.
        .addColumn('display_features', 'text')
        .addColumn('display_position_count', 'integer', (c) => c.notNull())
        .addColumn('owner_nation', 'text', (c) => c.notNull())
        .addColumn('releasability', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('updated_at_ms', ms, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('user_layers_visibility')
        .on('user_layers')
        .columns(['owner_nation', 'releasability', 'created_at_ms'])
        .execute();
    },
  };
}
