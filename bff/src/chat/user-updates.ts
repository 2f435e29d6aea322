/** Partial updates of users: the SDK's `client.partialUpdateUser()`. */
import type { Db } from '../db/database.js';
import { runWrite } from '../db/group-commit.js';
import { appendEventsForApp } from './publish.js';
import { ChatInputError } from './errors.js';
import { userEvent, type OutgoingEvent } from './events.js';
import { toUserResponse, type Json } from './records.js';
import { checkUserId, FIXED_FIELDS, rejectDeletedUser } from './users.js';

/** The platform's limit on users per partial update request. */
const MAX_USERS_PER_UPDATE = 100;

interface UserChange {
  id: string;
  set: Json;
  unset: string[];
}

/**
 * Sets and unsets fields of existing users, and emits `user.updated` for
 * each. `set` may change `role` and custom fields, and `unset` removes
 * custom fields.
 */
export async function partialUpdateUsers(
  db: Db,
  appId: string,
  users: unknown,
): Promise<Record<string, Json>> {
  if (!Array.isArray(users)) {
    throw new ChatInputError(
      'users must be a list of { id, set, unset }, as partialUpdateUser ' +
        'sends it.',
    );
  }
  if (users.length === 0 || users.length > MAX_USERS_PER_UPDATE) {
    throw new ChatInputError(
      `users must hold between 1 and ${MAX_USERS_PER_UPDATE} updates.`,
    );
  }
  const changes = users.map(readChange);
  return runWrite(db, async (trx) => {
    const result: Record<string, Json> = {};
    const events: OutgoingEvent[] = [];
    for (const change of changes) {
      const row = await trx
        .selectFrom('chat_users')
        .selectAll()
        .where('app_id', '=', appId)
        .where('id', '=', change.id)
        .executeTakeFirst();
      if (!row) {
        throw new ChatInputError(
          `User "${change.id}" not found; create it with upsertUsers ` +
            'before updating it.',
        );
      }
      rejectDeletedUser(row);
      const { role, ...customSet } = change.set;
      const custom = { ...(JSON.parse(row.custom) as Json), ...customSet };
      for (const field of change.unset) delete custom[field];
      const updated = {
        ...row,
        role: typeof role === 'string' ? role : row.role,
        custom: JSON.stringify(custom),
        updated_at: new Date().toISOString(),
      };
      await trx
        .updateTable('chat_users')
        .set({
          role: updated.role,
          custom: updated.custom,
          updated_at: updated.updated_at,
        })
        .where('app_id', '=', appId)
        .where('id', '=', change.id)
        .execute();
      const user = toUserResponse(updated);
      result[change.id] = user;
      events.push(userEvent('user.updated', { user }));
    }
    await appendEventsForApp(trx, appId, events);
    return result;
  });
}

function readChange(value: unknown, index: number): UserChange {
  const field = `users[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChatInputError(`${field} must be an object { id, set, unset }.`);
  }
  const change = value as Json;
  const id = checkUserId(change['id'], `${field}.id`);
  const set = change['set'] ?? {};
  if (typeof set !== 'object' || set === null || Array.isArray(set)) {
    throw new ChatInputError(`${field}.set must be an object of fields.`);
  }
  for (const [key, fieldValue] of Object.entries(set)) {
    if (key === 'role') {
      if (typeof fieldValue !== 'string' || fieldValue === '') {
        throw new ChatInputError(`${field}.set.role must be a role name.`);
      }
    } else if (FIXED_FIELDS.has(key)) {
      throw new ChatInputError(
        `${field}.set.${key} cannot be changed; set only role and custom ` +
          'fields.',
      );
    }
  }
  const unset = change['unset'] ?? [];
  const validUnset = Array.isArray(unset) &&
    unset.every((key) => typeof key === 'string' && !FIXED_FIELDS.has(key));
  if (!validUnset) {
    throw new ChatInputError(
      `${field}.unset must be a list of custom field names; fixed fields ` +
        'such as id and role cannot be unset.',
    );
  }
  return { id, set: set as Json, unset: unset as string[] };
}
