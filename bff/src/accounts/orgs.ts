/** Organisations: every user and app belongs to one. */
import type { Db } from '../db/database.js';
import type { OrgTable } from '../db/schema.js';
import { newId } from './ids.js';

export const DEFAULT_ORG_NAME = 'Default';

/** Returns the organisation with this name, creating it when missing. */
export async function findOrCreateOrg(
  db: Db,
  name: string,
): Promise<OrgTable> {
  const existing = await db
    .selectFrom('orgs')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  if (existing) return existing;
  const org = { id: newId(), name, created_at: new Date().toISOString() };
  await db
    .insertInto('orgs')
    .values(org)
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  return db
    .selectFrom('orgs')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}
