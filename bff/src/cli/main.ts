/**
 * The operator CLI: creates and lists apps, creates users in `DATA_DIR`,
 * and rotates secrets. It works while the server runs, since SQLite allows one
 * writer at a time.
 *
 *   apps create --name NAME [--org ORG] [--json]
 *   apps list [--json]
 *   apps rotate-secret --id APP_ID [--json]
 *   users create --email EMAIL (--password PASSWORD | --password-stdin)
 *                [--org ORG]
 *   secrets rotate-key
 */
import { parseArgs } from 'node:util';

import { pino } from 'pino';

import {
  createApp,
  listApps,
  rotateApiSecret,
} from '../accounts/apps.js';
import {
  ConflictError,
  InputError,
  NotFoundError,
} from '../accounts/errors.js';
import { DEFAULT_ORG_NAME } from '../accounts/orgs.js';
import { rotateKeyFile } from '../accounts/secrets-key.js';
import { createUser } from '../accounts/users.js';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase, secretStoreOf, type Db } from '../db/database.js';
import { createLogger } from '../logger.js';
import { MissingKeyError } from '../secrets/key-ring.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  apps create --name NAME [--org ORG] [--json]
      Creates an app; prints its id, name, API key and API secret.
  apps list [--json]
      Lists every app with its organisation and API key.
  apps rotate-secret --id APP_ID [--json]
      Replaces the app's API secret; prints the new one once. Tokens
      signed with the old secret stop working at once.
  users create --email EMAIL (--password PASSWORD | --password-stdin)
               [--org ORG]
      Creates a dashboard user (password of 12 characters or more).
      --password-stdin reads the password from the first line of standard
      input, so it stays out of the process list and the shell history.
  secrets rotate-key
      Writes a new key to the key file in DATA_DIR, re-encrypts every
      stored secret under it and drops the old key. A running server
      follows the key file and needs no restart. With SECRETS_KEY set,
      prints how to rotate it instead.

An organisation that does not exist is created; without --org the
"${DEFAULT_ORG_NAME}" organisation is used. DATA_DIR names the data folder
(default ./data).`;

class UsageError extends Error {}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals.join(' ');
  if (values.help || command === '') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig(process.env);
  if (command === 'secrets rotate-key' && config.secretsKey !== null) {
    process.stderr.write(`${ROTATE_WITH_ENVIRONMENT}\n`);
    process.exitCode = 1;
    return;
  }
  const db = await openDatabase(config.dataDir, {
    secretsKey: config.secretsKey,
    previousKeys: config.previousSecretsKeys,
    logger: createLogger(config.logLevel, {
      destination: pino.destination(2),
    }).child({ component: 'secrets' }),
  });
  try {
    await runCommand(db, command, values);
  } finally {
    await db.destroy();
  }
}

const ROTATE_WITH_ENVIRONMENT = `SECRETS_KEY is set, so the key is not in \
a file that this command can change. To rotate it:
  1. Generate a new key: openssl rand -hex 32
  2. Restart every server that shares the database with SECRETS_KEY set
     to the new key and SECRETS_KEY_PREVIOUS set to the current one. At
     start, each re-encrypts the stored secrets under the new key and
     logs how many.
  3. Restart them without SECRETS_KEY_PREVIOUS.`;

interface Options {
  id?: string | undefined;
  name?: string | undefined;
  org?: string | undefined;
  email?: string | undefined;
  password?: string | undefined;
  'password-stdin'?: boolean | undefined;
  json?: boolean | undefined;
}

async function runCommand(db: Db, command: string, values: Options) {
  const orgName = values.org?.trim() || DEFAULT_ORG_NAME;
  switch (command) {
    case 'apps create': {
      const name = required(values.name, '--name');
      const app = await createApp(db, { name, orgName });
      const output = {
        id: app.id,
        name: app.name,
        api_key: app.api_key,
        api_secret: app.api_secret,
      };
      if (values.json) print(JSON.stringify(output));
      else {
        print(`Created app "${app.name}" in organisation "${orgName}".`);
        print(`  id:         ${app.id}`);
        print(`  API key:    ${app.api_key}`);
        print(`  API secret: ${app.api_secret} (shown once)`);
      }
      return;
    }
    case 'apps list': {
      const apps = await listApps(db);
      const rows = apps.map((app) => ({
        id: app.id,
        name: app.name,
        org_id: app.org_id,
        api_key: app.api_key,
        sqs_url: app.sqs_url,
        unreadable_secrets: app.unreadableSecrets,
      }));
      if (values.json) print(JSON.stringify(rows));
      else for (const row of rows) print(describeAppRow(row));
      return;
    }
    case 'apps rotate-secret': {
      const app = await rotateApiSecret(db, required(values.id, '--id'));
      const output = { id: app.id, api_key: app.api_key,
        api_secret: app.api_secret };
      if (values.json) print(JSON.stringify(output));
      else {
        print(`Rotated the API secret of app "${app.name}".`);
        print(`  API key:    ${app.api_key}`);
        print(`  API secret: ${app.api_secret} (shown once)`);
      }
      return;
    }
    case 'secrets rotate-key': {
      const result = await rotateKeyFile(db, secretStoreOf(db));
      print(`Rotated the secrets key: the current key is ${result.keyId}.`);
      print(`  Stored secrets re-encrypted: ${result.reencrypted}.`);
      if (result.cleared > 0) {
        print(`  Secrets emptied because they failed authentication: ` +
          `${result.cleared}; the log names their apps.`);
      }
      print(`  Dropped key ${result.droppedKeyIds.join(', ')}.`);
      print('  A running server reloads the key file on its own.');
      return;
    }
    case 'users create': {
      const email = required(values.email, '--email');
      const user = await createUser(db, {
        email,
        password: await readPassword(values),
        orgName,
      });
      print(`Created user ${user.email} in organisation "${orgName}".`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

function describeAppRow(row: {
  id: string;
  api_key: string;
  name: string;
  unreadable_secrets: string[];
}): string {
  const line = `${row.id}  ${row.api_key}  ${row.name}`;
  if (row.unreadable_secrets.length === 0) return line;
  return `${line}  (cannot decrypt: ${row.unreadable_secrets.join(', ')})`;
}

/** Returns the password of `--password`, or of standard input. */
async function readPassword(values: Options): Promise<string> {
  const fromStdin = values['password-stdin'] === true;
  if (fromStdin && values.password !== undefined) {
    throw new UsageError('Use --password or --password-stdin, not both.');
  }
  if (!fromStdin) return required(values.password, '--password');
  if (process.stdin.isTTY) {
    throw new UsageError(
      'Standard input is a terminal. Pipe the password to --password-stdin, ' +
        'such as: printf %s "$PASSWORD" | npm run cli -- users create ' +
        '--email E --password-stdin',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const [firstLine = ''] = Buffer.concat(chunks).toString('utf8')
    .split(/\r?\n/);
  if (firstLine === '') {
    throw new UsageError(
      'Standard input is empty. --password-stdin expects the password on ' +
        'its first line.',
    );
  }
  return firstLine;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') {
    throw new UsageError(`${flag} is missing.`);
  }
  return value;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

run(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
  } else if (
    err instanceof InputError ||
    err instanceof ConflictError ||
    err instanceof NotFoundError ||
    err instanceof ConfigError ||
    err instanceof MissingKeyError
  ) {
    process.stderr.write(`${err.message}\n`);
  } else if (err instanceof TypeError && 'code' in err) {
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
  } else {
    process.stderr.write(`Command failed: ${String(err)}\n`);
  }
  process.exit(1);
});
