/**
 * Versioned schema migrations, applied in name order at start-up. A
 * migration that has run is never edited; a change gets a new one.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migrations: Record<string, Migration> = {
  '0001_accounts': {
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
  },
  '0002_chat': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('chat_users')
        .addColumn('app_id', 'text', (c) =>
          c.notNull().references('apps.id').onDelete('cascade'),
        )
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('custom', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('chat_users_pk', ['app_id', 'id'])
        .execute();
      await db.schema
        .createTable('channels')
        .addColumn('app_id', 'text', (c) =>
          c.notNull().references('apps.id').onDelete('cascade'),
        )
        .addColumn('cid', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('created_by_id', 'text', (c) => c.notNull())
        .addColumn('custom', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('channels_pk', ['app_id', 'cid'])
        .execute();
      await db.schema
        .createTable('channel_members')
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('cid', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('channel_members_pk', [
          'app_id',
          'cid',
          'user_id',
        ])
        .execute();
      await db.schema
        .createTable('messages')
        .addColumn('app_id', 'text', (c) =>
          c.notNull().references('apps.id').onDelete('cascade'),
        )
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('cid', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('custom', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('messages_pk', ['app_id', 'id'])
        .execute();
    },
  },
  '0003_outbox': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('outbox')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('app_id', 'text', (c) =>
          c.notNull().references('apps.id').onDelete('cascade'),
        )
        .addColumn('event_id', 'text', (c) => c.notNull().unique())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('sqs_message_id', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('outbox_app_status_seq')
        .on('outbox')
        .columns(['app_id', 'status', 'seq'])
        .execute();
    },
  },
};
