/**
 * Delivery bookkeeping: each app's delivery state (so a pause survives a
 * restart), and per-event facts the dashboard shows about drops.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('delivery_states')
      .addColumn('app_id', 'text', (c) =>
        c.primaryKey().references('apps.id').onDelete('cascade'),
      )
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('error_code', 'text')
      .addColumn('since', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('cid', 'text')
      .execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('lease_owner', 'text')
      .execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('size_bytes', 'integer')
      .execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('limit_bytes', 'integer')
      .execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('drop_cause', 'text')
      .execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('dropped_at', 'text')
      .execute();
    await db.schema
      .createIndex('outbox_status_due')
      .on('outbox')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('outbox_status_created')
      .on('outbox')
      .columns(['status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('outbox_app_status_dropped')
      .on('outbox')
      .columns(['app_id', 'status', 'dropped_at'])
      .execute();
  },
};
