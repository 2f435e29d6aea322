/**
 * Starts the server: the HTTP API and dashboard, and the delivery worker.
 * SIGINT and SIGTERM stop both, waiting for requests and sends in flight;
 * events claimed but not sent are handed back for the next start.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

import { ensureOwner } from './accounts/first-run.js';
import { ConfigError, loadConfig } from './config.js';
import { CHECKPOINT_INTERVAL_MS } from './db/checkpointer.js';
import { openDatabase } from './db/database.js';
import { createHttpApp } from './http/app.js';
import { createLogger } from './logger.js';
import { createDeliveryMetrics } from './metrics.js';
import { DeliveryWorker } from './outbox/worker.js';
import { MissingKeyError } from './secrets/key-ring.js';

const moduleDir = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_WEB_DIST = path.resolve(moduleDir, '../../web/dist');

/**
 * V8 lets the heap grow to several times what survived the last
 * collection before it collects again. Under `npm run bench` the heap
 * reached 167 MiB, while V8's memory-saving mode ran the same load in
 * 40 MiB but 26% to 34% slower. Growing by 30% kept the heap within
 * 84 MiB at full speed, without a hard limit that could end the process.
 * V8 reads the flag at every collection. The young generation's size is
 * read only at start, so `scripts/server-flags.mjs` passes it to Node.
 */
const HEAP_GROWING_FLAG = '--heap-growing-percent=30';

async function main(): Promise<void> {
  v8.setFlagsFromString(HEAP_GROWING_FLAG);
  const config = loadConfig(process.env, { webDistDir: DEFAULT_WEB_DIST });
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config.dataDir, {
    secretsKey: config.secretsKey,
    previousKeys: config.previousSecretsKeys,
    logger: logger.child({ component: 'secrets' }),
    checkpointIntervalMs: CHECKPOINT_INTERVAL_MS,
    onCheckpointError: (message) => logger.warn(
      { component: 'database', err: message },
      'write-ahead log checkpoint failed; the next one runs in ' +
        `${CHECKPOINT_INTERVAL_MS} ms`),
  });

  const firstRun = await ensureOwner(db);
  if (firstRun) {
    process.stdout.write(
      [
        '',
        'First start: created an owner account and a first app.',
        `  Sign in as: ${firstRun.email}`,
        `  Password:   ${firstRun.password}`,
        '  The password is shown only this once; keep it somewhere safe.',
        `  First app: "${firstRun.app.name}", API key ${firstRun.app.api_key}.`,
        '  For its API secret, press Rotate API secret on its Overview',
        `  page, or run: npm run cli -- apps rotate-secret --id ${firstRun.app.id}`,
        '',
      ].join('\n') + '\n',
    );
  }

  const metrics = createDeliveryMetrics(db);
  const worker = new DeliveryWorker({
    db,
    logger: logger.child({ component: 'delivery' }),
    metrics,
    allowedSqsOrigins: config.allowedSqsOrigins,
    ...(config.probeIntervalMs === undefined
      ? {}
      : { probeIntervalMs: config.probeIntervalMs }),
    ...(config.sendTimeoutMs === undefined
      ? {}
      : { sendTimeoutMs: config.sendTimeoutMs }),
  });
  const app = createHttpApp({
    db,
    logger,
    allowedSqsOrigins: config.allowedSqsOrigins,
    webDistDir: config.webDistDir,
    onEvents: (appId) => worker.notify(appId),
    resumeDelivery: (appId) => worker.resume(appId, 'dashboard'),
    metrics,
    limits: config.limits,
    trustProxy: config.trustProxy,
  });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    logger.info(
      { host: config.host, port, dataDir: config.dataDir },
      'server listening',
    );
    process.stdout.write(
      `Dashboard: http://${config.host}:${port}/dashboard/\n`,
    );
  });
  worker.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await worker.stop();
    await closed;
    await db.destroy();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else if (err instanceof MissingKeyError) {
    process.stderr.write(`Server failed to start: ${err.message}\n`);
  } else {
    process.stderr.write(`Server failed to start: ${String(err)}\n`);
  }
  process.exit(1);
});
