/** Organisations, users, sessions and apps. */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('orgs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) =>
        c.notNull().references('orgs.id'),
      )
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) =>
        c.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('apps')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) =>
        c.notNull().references('orgs.id'),
      )
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('api_key', 'text', (c) => c.notNull().unique())
      .addColumn('api_secret', 'text', (c) => c.notNull())
      .addColumn('sqs_url', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sqs_key', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sqs_secret', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('webhook_events', 'text')
      .addColumn('enable_hook_payload_compression', 'integer', (c) =>
        c.notNull().defaultTo(0),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('apps_org_id')
      .on('apps')
      .column('org_id')
      .execute();
  },
};
