/**
 * The Express application: the platform API at the root and under
 * `/api/v2/`, the dashboard API under `/dashboard/api/`, the built
 * dashboard under `/dashboard/`, and Prometheus metrics at `/metrics`.
 */
import fs from 'node:fs';
import path from 'node:path';

import cookieParser from 'cookie-parser';
import express, {
  type Express,
  type Request,
  type Response,
} from 'express';
import type { Logger } from 'pino';

import type { Db } from '../db/database.js';
import type { DeliveryMetrics } from '../metrics.js';
import {
  getDeliveryState,
  setDeliveryState,
} from '../outbox/delivery-state.js';
import { createDashboardRouter } from './dashboard/router.js';
import { createPlatformRouter } from './platform/router.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits.js';
import { requestLogging } from './request-log.js';
import { apiSecurityHeaders, securityHeaders } from './security.js';

export interface HttpAppOptions {
  db: Db;
  logger: Logger;
  allowedSqsOrigins: readonly string[];
  /** The built dashboard, or null to serve the APIs alone. */
  webDistDir: string | null;
  onEvents?: (appId: string) => void;
  /**
   * Resumes a paused app's delivery. Default: marks it active in the
   * database, for a worker to pick up on its next poll.
   */
  resumeDelivery?: (appId: string) => Promise<void>;
  /** Served at `GET /metrics` in the Prometheus text format when given. */
  metrics?: DeliveryMetrics;
  /** Rate limits of both APIs. Default `DEFAULT_RATE_LIMITS`. */
  limits?: RateLimits;
  /**
   * Express's `trust proxy` setting: which proxies' `X-Forwarded-For` and
   * `X-Forwarded-Proto` headers decide the client address and whether the
   * request came over https. Default false: the socket decides.
   */
  trustProxy?: TrustProxy;
}

/** A hop count, or proxy addresses and subnets such as `loopback`. */
export type TrustProxy = false | number | string[];

const dashboardHeaders = securityHeaders();
const apiHeaders = apiSecurityHeaders();

export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  const limits = options.limits ?? DEFAULT_RATE_LIMITS;
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  // Express would hash every JSON body for an ETag, which the chat SDK
  // never sends back. Static files keep theirs.
  app.set('etag', false);
  app.use((request, response, next) =>
    isDashboardPath(request.url)
      ? dashboardHeaders(request, response, next)
      : apiHeaders(request, response, next));
  app.use(requestLogging(options.logger, requestLogLevel));

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  const { metrics } = options;
  if (metrics !== undefined) {
    app.get('/metrics', async (_request, response) => {
      response.type(metrics.registry.contentType);
      response.send(await metrics.registry.metrics());
    });
  }
  app.get('/', (_request, response) => response.redirect('/dashboard/'));
  // Only the dashboard's API reads cookies (its session).
  app.use(
    '/dashboard/api',
    cookieParser(),
    createDashboardRouter({
      db: options.db,
      allowedSqsOrigins: options.allowedSqsOrigins,
      resumeDelivery:
        options.resumeDelivery ?? ((appId) => resumeInDatabase(options.db, appId)),
      limits,
    }),
  );
  if (options.webDistDir !== null) serveDashboard(app, options.webDistDir);

  const platform = createPlatformRouter({
    db: options.db,
    allowedSqsOrigins: options.allowedSqsOrigins,
    onEvents: options.onEvents ?? (() => {}),
    limits,
  });
  app.use('/api/v2', platform);
  app.use(platform);
  return app;
}

function requestLogLevel(request: Request, response: Response) {
  if (response.statusCode >= 500) return 'error';
  // A busy app sends thousands of chat calls a second. Writing a line for
  // each cost the benchmark's server about 8% of its CPU time.
  if (response.statusCode < 400 && !isDashboardPath(request.originalUrl)) {
    return 'debug';
  }
  return 'info';
}

/** Tells whether a request path is the dashboard's, page or API. */
function isDashboardPath(url: string | undefined): boolean {
  return url === '/' || url?.startsWith('/dashboard') === true;
}

async function resumeInDatabase(db: Db, appId: string): Promise<void> {
  const stored = await getDeliveryState(db, appId);
  if (stored.state === 'paused') await setDeliveryState(db, appId, 'active');
}

/** Serves the built single-page dashboard, with its pages' deep links. */
function serveDashboard(app: Express, distDir: string): void {
  const indexFile = path.join(distDir, 'index.html');
  app.use(
    '/dashboard',
    express.static(distDir, { index: false, fallthrough: true }),
  );
  app.get(/^\/dashboard(\/.*)?$/, (_request, response) => {
    if (!fs.existsSync(indexFile)) {
      response
        .status(503)
        .type('text')
        .send('The dashboard is not built; run npm run build.');
      return;
    }
    response.sendFile(indexFile);
  });
}
