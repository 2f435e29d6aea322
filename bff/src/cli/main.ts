/**
 * The operator CLI: creates and lists apps and users in `DATA_DIR`. It
 * works while the server runs, since SQLite allows one writer at a time.
 *
 *   apps create --name NAME [--org ORG] [--json]
 *   apps list [--json]
 *   users create --email EMAIL --password PASSWORD [--org ORG]
 */
import { parseArgs } from 'node:util';

import { createApp, listApps } from '../accounts/apps.js';
import { ConflictError, InputError } from '../accounts/errors.js';
import { DEFAULT_ORG_NAME } from '../accounts/orgs.js';
import { createUser } from '../accounts/users.js';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase, type Db } from '../db/database.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  apps create --name NAME [--org ORG] [--json]
      Creates an app; prints its id, name, API key and API secret.
  apps list [--json]
      Lists every app with its organisation and API key.
  users create --email EMAIL --password PASSWORD [--org ORG]
      Creates a dashboard user (password of 12 characters or more).

An organisation that does not exist is created; without --org the
"${DEFAULT_ORG_NAME}" organisation is used. DATA_DIR names the data folder
(default ./data).`;

class UsageError extends Error {}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      org: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
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
  const db = await openDatabase(config.dataDir);
  try {
    await runCommand(db, command, values);
  } finally {
    await db.destroy();
  }
}

interface Options {
  name?: string | undefined;
  org?: string | undefined;
  email?: string | undefined;
  password?: string | undefined;
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
      }));
      if (values.json) print(JSON.stringify(rows));
      else for (const row of rows) print(`${row.id}  ${row.api_key}  ${row.name}`);
      return;
    }
    case 'users create': {
      const user = await createUser(db, {
        email: required(values.email, '--email'),
        password: required(values.password, '--password'),
        orgName,
      });
      print(`Created user ${user.email} in organisation "${orgName}".`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
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
    err instanceof ConfigError
  ) {
    process.stderr.write(`${err.message}\n`);
  } else if (err instanceof TypeError && 'code' in err) {
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
  } else {
    process.stderr.write(`Command failed: ${String(err)}\n`);
  }
  process.exit(1);
});
