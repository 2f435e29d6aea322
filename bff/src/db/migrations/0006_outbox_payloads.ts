/**
 * Moves event payloads out of the outbox's state rows, and narrows the
 * outbox's status indexes to the rows each one serves.
 *
 * A payload never changes once written, while a state row changes twice
 * on the way out (claimed, then sent). With the payload in the same row,
 * SQLite wrote every payload three times to the write-ahead log and
 * again at each checkpoint. An index that leads with `status` moved on
 * every status change; a partial index changes only when a row enters or
 * leaves the status it covers.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('outbox_payloads')
      .addColumn('seq', 'integer', (c) =>
        c.primaryKey().references('outbox.seq').onDelete('cascade'),
      )
      .addColumn('payload', 'text', (c) => c.notNull())
      .execute();
    await sql`
      INSERT INTO outbox_payloads (seq, payload)
      SELECT seq, payload FROM outbox`.execute(db);
    await db.schema.alterTable('outbox').dropColumn('payload').execute();
    // Claims add up payload sizes without reading the payloads.
    await db.schema
      .alterTable('outbox')
      .addColumn('payload_bytes', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`
      UPDATE outbox SET payload_bytes = (
        SELECT length(CAST(payload AS BLOB)) FROM outbox_payloads
        WHERE outbox_payloads.seq = outbox.seq)
      WHERE status = 'pending'`.execute(db);

    for (const index of [
      'outbox_status_due',
      'outbox_status_created',
      'outbox_app_status_dropped',
    ]) {
      await db.schema.dropIndex(index).execute();
    }
    // Expiry looks for old pending events.
    await sql`
      CREATE INDEX outbox_pending_created ON outbox (created_at)
      WHERE status = 'pending'`.execute(db);
    // Pruning looks for events sent long ago.
    await sql`
      CREATE INDEX outbox_sent_at ON outbox (sent_at)
      WHERE status = 'sent'`.execute(db);
    // The dashboard lists an app's latest events, its event types and
    // its latest events of a type, and shows its last error.
    await db.schema
      .createIndex('outbox_app_seq')
      .on('outbox')
      .columns(['app_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('outbox_app_type')
      .on('outbox')
      .columns(['app_id', 'event_type'])
      .execute();
    await sql`
      CREATE INDEX outbox_pending_errors ON outbox (app_id, seq)
      WHERE status = 'pending' AND last_error IS NOT NULL`.execute(db);
    // The dashboard lists an app's latest drops; pruning finds old ones.
    await sql`
      CREATE INDEX outbox_dropped_at ON outbox (app_id, dropped_at)
      WHERE status = 'dropped'`.execute(db);
  },
};
