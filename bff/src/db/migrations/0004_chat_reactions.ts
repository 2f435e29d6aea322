/**
 * Reactions, threads and the state that edits and deletions of chat
 * records need: message fields that `message.updated` compares, deletion
 * and truncation times, and member roles.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('reactions')
      .addColumn('app_id', 'text', (c) =>
        c.notNull().references('apps.id').onDelete('cascade'),
      )
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('custom', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('reactions_pk', [
        'app_id',
        'message_id',
        'user_id',
        'type',
      ])
      .execute();

    const addedColumns = [
      db.schema.alterTable('messages').addColumn('type', 'text', (c) =>
        c.notNull().defaultTo('regular'),
      ),
      db.schema.alterTable('messages').addColumn('parent_id', 'text'),
      db.schema.alterTable('messages').addColumn('attachments', 'text', (c) =>
        c.notNull().defaultTo('[]'),
      ),
      db.schema
        .alterTable('messages')
        .addColumn('mentioned_user_ids', 'text', (c) =>
          c.notNull().defaultTo('[]'),
        ),
      db.schema.alterTable('messages').addColumn('quoted_message_id', 'text'),
      db.schema.alterTable('messages').addColumn('silent', 'integer', (c) =>
        c.notNull().defaultTo(0),
      ),
      db.schema.alterTable('messages').addColumn('pinned', 'integer', (c) =>
        c.notNull().defaultTo(0),
      ),
      db.schema.alterTable('messages').addColumn('deleted_at', 'text'),
      db.schema.alterTable('chat_users').addColumn('deleted_at', 'text'),
      db.schema.alterTable('channels').addColumn('truncated_at', 'text'),
      db.schema
        .alterTable('channel_members')
        .addColumn('channel_role', 'text'),
    ];
    for (const statement of addedColumns) await statement.execute();

    await db.schema
      .createIndex('messages_app_cid_created')
      .on('messages')
      .columns(['app_id', 'cid', 'created_at'])
      .execute();
    await db.schema
      .createIndex('messages_app_parent')
      .on('messages')
      .columns(['app_id', 'parent_id'])
      .execute();
  },
};
