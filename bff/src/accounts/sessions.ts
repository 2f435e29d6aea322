/**
 * Dashboard sessions, stored server-side. The cookie carries a random
 * token; the database keeps only its SHA-256, so a copy of the database
 * opens no session.
 */
import { createHash, randomBytes } from 'node:crypto';

import type { Db } from '../db/database.js';
import type { OrgTable, UserTable } from '../db/schema.js';
import { findUserByEmail } from './users.js';
import { getDummyHash, verifyPassword } from './passwords.js';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** A session ends this long after sign-in, whatever its use. */
export const SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface SignedInUser {
  sessionId: string;
  csrfToken: string;
  user: Pick<UserTable, 'id' | 'email' | 'org_id'>;
  org: Pick<OrgTable, 'id' | 'name'>;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Checks an email and password. Unknown emails cost the same scrypt work
 * as wrong passwords, so timing does not tell them apart.
 */
export async function authenticate(
  db: Db,
  email: string,
  password: string,
): Promise<UserTable | null> {
  const user = await findUserByEmail(db, email);
  const hash = user?.password_hash ?? (await getDummyHash());
  const matches = await verifyPassword(password, hash);
  return user && matches ? user : null;
}

/** Starts a session and returns the cookie token. */
export async function createSession(
  db: Db,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_MS);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      csrf_token: randomBytes(32).toString('base64url'),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return { token, expiresAt };
}

/** Returns the session of a cookie token, or null when it has ended. */
export async function findSession(
  db: Db,
  token: string,
): Promise<SignedInUser | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token as csrfToken',
      'sessions.last_seen_at as lastSeenAt',
      'sessions.expires_at as expiresAt',
      'users.id as userId',
      'users.email as email',
      'orgs.id as orgId',
      'orgs.name as orgName',
    ])
    .where('sessions.id', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const idleSince = Date.parse(row.lastSeenAt);
  if (now > Date.parse(row.expiresAt) || now - idleSince > SESSION_IDLE_MS) {
    await endSession(db, row.sessionId);
    return null;
  }
  // Writing on every request would serialise reads; a minute is precise
  // enough for a twelve-hour idle limit.
  if (now - idleSince > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', row.sessionId)
      .execute();
  }
  return {
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    user: { id: row.userId, email: row.email, org_id: row.orgId },
    org: { id: row.orgId, name: row.orgName },
  };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
