/** Chat users of an app: upserted by the server-side SDK. */
import { isDeepStrictEqual } from 'node:util';

import type { Db } from '../db/database.js';
import { runWrite } from '../db/group-commit.js';
import { appendEventsForApp } from './publish.js';
import { ChatInputError } from './errors.js';
import { userEvent, type OutgoingEvent } from './events.js';
import { toUserResponse, type Json, type UserRow } from './records.js';

/** User ids: letters, digits, `@`, `_` and `-`, as the platform allows. */
const USER_ID_PATTERN = /^[\w@-]{1,255}$/;
/** User fields that are not custom fields. */
export const FIXED_FIELDS = new Set([
  'id', 'role', 'created_at', 'updated_at', 'deleted_at', 'banned', 'online',
]);

export function checkUserId(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') {
    throw new ChatInputError(
      `${field} is missing; name the user who acts, such as ` +
        '{ user_id: "alice" }.',
    );
  }
  if (typeof value !== 'string' || !USER_ID_PATTERN.test(value)) {
    throw new ChatInputError(
      `${field} ${JSON.stringify(value)} is not a valid user id: use 1 to ` +
        '255 letters, digits, "@", "_" or "-".',
    );
  }
  return value;
}

/**
 * Creates or replaces users, keyed by id as the SDK sends them. Replacing
 * an existing user's role or custom fields emits `user.updated`. Creating
 * a user, or upserting one unchanged, emits nothing because the platform
 * has no `user.created` event. Soft-deleted users
 * are rejected.
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
  return runWrite(db, async (trx) => {
    const result: Record<string, Json> = {};
    const events: OutgoingEvent[] = [];
    for (const row of rows) {
      const existing = await trx
        .selectFrom('chat_users')
        .selectAll()
        .where('app_id', '=', appId)
        .where('id', '=', row.id)
        .executeTakeFirst();
      rejectDeletedUser(existing);
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
      if (existing && isChanged(existing, stored)) {
        events.push(userEvent('user.updated', { user: result[row.id] }));
      }
    }
    await appendEventsForApp(trx, appId, events);
    return result;
  });
}

/** Rejects writes to a soft-deleted user. */
export function rejectDeletedUser(row: UserRow | undefined): void {
  if (row?.deleted_at) {
    throw new ChatInputError(
      `User "${row.id}" was deleted at ${row.deleted_at}; deleted users ` +
        'cannot be changed, so use another user id.',
    );
  }
}

function isChanged(before: UserRow, after: UserRow): boolean {
  return (
    before.role !== after.role ||
    !isDeepStrictEqual(JSON.parse(before.custom), JSON.parse(after.custom))
  );
}

function toRow(appId: string, key: string, value: unknown, now: string) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChatInputError(`users.${key} must be a user object.`);
  }
  const user = value as Json;
  const id = checkUserId(user['id'] ?? key, `users[${JSON.stringify(key)}].id`);
  if (id !== key) {
    throw new ChatInputError(
      `users[${JSON.stringify(key)}] has id "${id}"; each user must be ` +
        'keyed by its own id.',
    );
  }
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
    deleted_at: null,
  };
}
