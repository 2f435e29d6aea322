/** Chat users of an app: upserted by the server-side SDK. */
import type { Db } from '../db/database.js';
import { ChatInputError } from './errors.js';
import { toUserResponse, type Json } from './records.js';

/** User ids: letters, digits, `@`, `_` and `-`, as the platform allows. */
const USER_ID_PATTERN = /^[\w@-]{1,255}$/;
const FIXED_FIELDS = new Set([
  'id', 'role', 'created_at', 'updated_at', 'banned', 'online',
]);

export function checkUserId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !USER_ID_PATTERN.test(value)) {
    throw new ChatInputError(
      `${field} ${JSON.stringify(value)} is not a valid user id: use 1 to ` +
        '255 letters, digits, "@", "_" or "-".',
    );
  }
  return value;
}

/**
 * Creates or replaces users, keyed by id as the SDK sends them. Upserting
 * sends no event: the platform sends `user.updated` only for updates
 * made through the update calls.
 */
export async function upsertUsers(
  db: Db,
  appId: string,
  users: unknown,
): Promise<Record<string, Json>> {
  if (typeof users !== 'object' || users === null || Array.isArray(users)) {
    throw new ChatInputError(
      'users must be an object keyed by user id, as upsertUsers sends it.',
    );
  }
  const entries = Object.entries(users as Record<string, unknown>);
  if (entries.length === 0 || entries.length > 100) {
    throw new ChatInputError('users must hold between 1 and 100 users.');
  }
  const now = new Date().toISOString();
  const rows = entries.map(([key, value]) => toRow(appId, key, value, now));
  return db.transaction().execute(async (trx) => {
    const result: Record<string, Json> = {};
    for (const row of rows) {
      await trx
        .insertInto('chat_users')
        .values(row)
        .onConflict((conflict) =>
          conflict.columns(['app_id', 'id']).doUpdateSet({
            role: row.role,
            custom: row.custom,
            updated_at: now,
          }),
        )
        .execute();
      const stored = await trx
        .selectFrom('chat_users')
        .selectAll()
        .where('app_id', '=', appId)
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      result[row.id] = toUserResponse(stored);
    }
    return result;
  });
}

function toRow(appId: string, key: string, value: unknown, now: string) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChatInputError(`users.${key} must be a user object.`);
  }
  const user = value as Json;
  const id = checkUserId(user['id'] ?? key, `users.${key}.id`);
  const role = user['role'] ?? 'user';
  if (typeof role !== 'string' || role === '') {
    throw new ChatInputError(`users.${key}.role must be a role name.`);
  }
  const custom = Object.fromEntries(
    Object.entries(user).filter(([field]) => !FIXED_FIELDS.has(field)),
  );
  return {
    app_id: appId,
    id,
    role,
    custom: JSON.stringify(custom),
    created_at: now,
    updated_at: now,
  };
}
