/**
 * Starts the real server for integration tests: a fresh database in a
 * temporary folder, the HTTP app on a free loopback port, and the
 * delivery worker.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { pino } from 'pino';

import { createApp, type App } from '../accounts/apps.js';
import { createUser } from '../accounts/users.js';
import { openDatabase, type Db } from '../db/database.js';
import { createHttpApp } from '../http/app.js';
import { DeliveryWorker } from '../outbox/worker.js';

export interface TestServer {
  baseUrl: string;
  db: Db;
  dataDir: string;
  worker: DeliveryWorker;
  createApp(name?: string, orgName?: string): Promise<App>;
  createUser(email: string, password: string, orgName?: string):
    Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: { allowedSqsOrigins?: string[]; pollIntervalMs?: number } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-test-'));
  const db = await openDatabase(dataDir);
  const logger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
  const allowedSqsOrigins = options.allowedSqsOrigins ?? [];
  const worker = new DeliveryWorker({
    db,
    logger,
    allowedSqsOrigins,
    pollIntervalMs: options.pollIntervalMs ?? 100,
  });
  const app = createHttpApp({
    db,
    logger,
    allowedSqsOrigins,
    webDistDir: null,
    onEvents: (appId) => worker.notify(appId),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  worker.start();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    dataDir,
    worker,
    createApp: (name = 'Test app', orgName = 'Default') =>
      createApp(db, { name, orgName }),
    createUser: async (email, password, orgName = 'Default') => {
      await createUser(db, { email, password, orgName });
    },
    close: async () => {
      await worker.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
