/**
 * Imagery products and the STAC catalogue (collections and items), on both dialects. Items keep
 * their bounding box in four columns (the SQL prefilter of spatial searches) and their
 * datetime interval in ms; exact spatial predicates and CQL2 filters are evaluated by the
 * server's code, so SQLite and PostgreSQL answer the same.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

export function productsMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const ms = pg ? 'bigint' : 'integer';
  const real = pg ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('products')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('acquired_at_ms', ms, (c) => c.notNull())
        .addColumn('owner_nation', 'text', (c) => c.notNull())
        .addColumn('releasability', 'text', (c) => c.notNull())
        .addColumn('min_lon', real, (c) => c.notNull())
        .addColumn('min_lat', real, (c) => c.notNull())
        .addColumn('max_lon', real, (c) => c.notNull())
        .addColumn('max_lat', real, (c) => c.notNull())
        .addColumn('area_km2', real, (c) => c.notNull())
        .addColumn('geometry', 'text', (c) => c.notNull())
        .addColumn('stats', 'text', (c) => c.notNull())
        .addColumn('method', 'text')
        .addColumn('source_scenes', 'text', (c) => c.notNull())
        .addColumn('aoi_id', 'text')
        .addColumn('job_id', 'text')
        .addColumn('stac_item_id', 'text', (c) => c.notNull())
        .addColumn('previous_id', 'text')
        .execute();
      await db.schema
        .createIndex('products_type_acquired')
        .on('products')
        .columns(['type', 'acquired_at_ms'])
        .execute();
      await db.schema
        .createIndex('products_created')
        .on('products')
        .columns(['created_at_ms', 'id'])
        .execute();

      await db.schema
        .createTable('stac_collections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('updated_at_ms', ms, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('stac_items')
        .addColumn('collection_id', 'text', (c) => c.notNull().references('stac_collections.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('datetime_ms', ms, (c) => c.notNull())
        .addColumn('start_ms', ms, (c) => c.notNull())
        .addColumn('end_ms', ms, (c) => c.notNull())
        .addColumn('min_lon', real, (c) => c.notNull())
        .addColumn('min_lat', real, (c) => c.notNull())
        .addColumn('max_lon', real, (c) => c.notNull())
        .addColumn('max_lat', real, (c) => c.notNull())
        .addColumn('geometry', 'text', (c) => c.notNull())
        .addColumn('properties', 'text', (c) => c.notNull())
        .addColumn('assets', 'text', (c) => c.notNull())
        .addColumn('links', 'text', (c) => c.notNull())
        .addColumn('extensions', 'text', (c) => c.notNull())
        .addColumn('owner_nation', 'text', (c) => c.notNull())
        .addColumn('releasability', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('updated_at_ms', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('stac_items_pk', ['collection_id', 'id'])
        .execute();
      await db.schema
        .createIndex('stac_items_datetime')
        .on('stac_items')
        .column('datetime_ms')
        .execute();
      await db.schema
        .createIndex('stac_items_time')
        .on('stac_items')
        .columns(['start_ms', 'end_ms'])
        .execute();
      await db.schema
        .createIndex('stac_items_bbox')
        .on('stac_items')
        .columns(['min_lon', 'max_lon', 'min_lat', 'max_lat'])
        .execute();
    },
  };
}
