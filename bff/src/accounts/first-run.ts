/**
 * First start: with no user in the database, creates an owner account and
 * a first app so that a new install can be signed in to at once.
 */
import type { Db } from '../db/database.js';
import { createApp, type App } from './apps.js';
import { DEFAULT_ORG_NAME } from './orgs.js';
import { generatePassword } from './passwords.js';
import { countUsers, createUser } from './users.js';

export const OWNER_EMAIL = 'owner@example.com';

export interface FirstRunResult {
  email: string;
  /** Shown once; only its hash is stored. */
  password: string;
  app: App;
}

/** Creates the owner and a first app when there is no user yet. */
export async function ensureOwner(db: Db): Promise<FirstRunResult | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = generatePassword();
  await createUser(db, {
    email: OWNER_EMAIL,
    password,
    orgName: DEFAULT_ORG_NAME,
  });
  const app = await createApp(db, {
    name: 'My first app',
    orgName: DEFAULT_ORG_NAME,
  });
  return { email: OWNER_EMAIL, password, app };
}
