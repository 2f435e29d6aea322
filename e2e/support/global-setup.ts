/**
 * Starts a local SQS server and the built server on free ports with a new
 * data folder, then creates a user and an app with the operator CLI.
 * Returns the teardown that stops both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { saveEnvironment } from './environment.js';
import { runCli, startProcess } from './processes.js';

export const USER_EMAIL = 'tester@example.com';
export const USER_PASSWORD = 'a long test password';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-e2e-'));
  const sqs = await startProcess(
    'bff/dist/local-sqs/main.js',
    { SQS_PORT: '0' },
    /Queue:\s+(http:\/\/127\.0\.0\.1:\d+)(\/\S+)\n/,
  );
  const sqsOrigin = sqs.match[1]!;
  const queueUrl = `${sqsOrigin}${sqs.match[2]}`;

  runCli(['users', 'create', '--email', USER_EMAIL, '--password',
    USER_PASSWORD, '--org', 'Testers'], dataDir);
  const app = JSON.parse(
    runCli(['apps', 'create', '--name', 'Support chat', '--org', 'Testers',
      '--json'], dataDir),
  );
  runCli(['apps', 'create', '--name', 'Sales chat', '--org', 'Testers'],
    dataDir);
  const server = await startProcess(
    'bff/dist/main.js',
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SQS_ALLOWED_ENDPOINTS: sqsOrigin,
    },
    /Dashboard: (http:\/\/127\.0\.0\.1:\d+)\/dashboard\//,
  );
  saveEnvironment({
    baseUrl: server.match[1]!,
    sqsOrigin,
    queueUrl,
    email: USER_EMAIL,
    password: USER_PASSWORD,
    app,
    dataDir,
  });

  return async () => {
    for (const { child } of [server, sqs]) {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
