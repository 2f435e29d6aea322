/** Dashboard users: an email and a password, in one organisation. */
import type { Db } from '../db/database.js';
import type { UserTable } from '../db/schema.js';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { ConflictError, InputError } from './errors.js';
import { newId } from './ids.js';
import { findOrCreateOrg } from './orgs.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CreateUserInput {
  email: string;
  password: string;
  orgName: string;
}

/** Creates a user in the named organisation, creating it when missing. */
export async function createUser(
  db: Db,
  input: CreateUserInput,
): Promise<UserTable> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(email)) {
    throw new InputError(
      `Invalid email "${input.email}": expected name@example.com.`,
      { email: 'Enter an email address such as name@example.com.' },
    );
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new InputError(
      `Password too short: use at least ${MIN_PASSWORD_LENGTH} characters.`,
      { password: `Use at least ${MIN_PASSWORD_LENGTH} characters.` },
    );
  }
  if (COMMON_PASSWORDS.has(input.password.toLowerCase())) {
    throw new InputError(
      'Password is too common: it is on a list of often-used passwords. ' +
        'Choose a longer phrase of unrelated words.',
      { password: 'This password is too common; choose another.' },
    );
  }
  const passwordHash = await hashPassword(input.password);
  const org = await findOrCreateOrg(db, input.orgName);
  const user: UserTable = {
    id: newId(),
    org_id: org.id,
    email,
    password_hash: passwordHash,
    created_at: new Date().toISOString(),
  };
  const inserted = await db
    .insertInto('users')
    .values(user)
    .onConflict((conflict) => conflict.column('email').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new ConflictError(`A user with email ${email} already exists.`);
  }
  return user;
}

export async function findUserByEmail(
  db: Db,
  email: string,
): Promise<UserTable | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
