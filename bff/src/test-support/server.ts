/**
 * Starts the real server for integration tests: a fresh database in a
 * temporary folder, the HTTP app on a free loopback port, and the
 * delivery worker. The worker gets short intervals and back-offs, so
 * tests wait on conditions for fractions of a second.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { pino } from 'pino';

import { createApp, type App } from '../accounts/apps.js';
import { createUser } from '../accounts/users.js';
import { openDatabase, type Db } from '../db/database.js';
import { createHttpApp, type TrustProxy } from '../http/app.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../http/rate-limits.js';
import { createDeliveryMetrics, type DeliveryMetrics } from '../metrics.js';
import {
  DeliveryWorker,
  type DeliveryWorkerOptions,
} from '../outbox/worker.js';

export interface TestServer {
  baseUrl: string;
  db: Db;
  dataDir: string;
  worker: DeliveryWorker;
  metrics: DeliveryMetrics;
  createApp(name?: string, orgName?: string): Promise<App>;
  createUser(email: string, password: string, orgName?: string):
    Promise<void>;
  close(): Promise<void>;
}

/** Worker options a test may set; the rest get test defaults. */
export type TestWorkerOptions = Partial<
  Omit<DeliveryWorkerOptions, 'db' | 'logger' | 'metrics' | 'allowedSqsOrigins'>
>;

/** Worker timings for tests: every wait is a fraction of a second. */
export const TEST_WORKER_OPTIONS: TestWorkerOptions = {
  pollIntervalMs: 100,
  sendTimeoutMs: 2_000,
  connectionTimeoutMs: 1_000,
  queueBackoff: { baseMs: 50, maxMs: 400 },
  eventBackoff: { baseMs: 50, maxMs: 200 },
  probeIntervalMs: 300,
  maintenanceIntervalMs: 60_000,
};

export async function startTestServer(
  options: {
    allowedSqsOrigins?: string[];
    pollIntervalMs?: number;
    worker?: TestWorkerOptions;
    /** Changes to the production rate limits. */
    limits?: Partial<RateLimits>;
    trustProxy?: TrustProxy;
    /** Checkpoints on a worker thread, as the server runs them. */
    checkpointIntervalMs?: number;
  } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-test-'));
  const db = await openDatabase(dataDir, {
    checkpointIntervalMs: options.checkpointIntervalMs,
  });
  const logger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });

  const allowedSqsOrigins = options.allowedSqsOrigins ?? [];
  const metrics = createDeliveryMetrics(db);
  const worker = new DeliveryWorker({
    ...TEST_WORKER_OPTIONS,
    ...(options.pollIntervalMs === undefined
      ? {}
      : { pollIntervalMs: options.pollIntervalMs }),
    ...options.worker,
    db,
    logger,
    metrics,
    allowedSqsOrigins,
  });

  const app = createHttpApp({
    db,
    logger,
    allowedSqsOrigins,
    webDistDir: null,
    onEvents: (appId) => worker.notify(appId),
    resumeDelivery: (appId) => worker.resume(appId, 'dashboard'),
    metrics,
    limits: { ...DEFAULT_RATE_LIMITS, ...options.limits },
    trustProxy: options.trustProxy ?? false,
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
    metrics,
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
