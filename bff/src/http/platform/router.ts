/**
 * The server-side REST API that the platform's SDK calls, served at the
 * root and under `/api/v2/`.
 */
import express, {
  Router,
  type NextFunction,
  type Request,
  type Response,
} from 'express';

import {
  parseSettingsPatch,
  STORED_SECRET_MASK,
} from '../../accounts/app-settings.js';
import { getApp, updateAppSettings, type App } from '../../accounts/apps.js';
import type { Db } from '../../db/database.js';
import { testSqsSettings } from '../../sqs/test-sqs.js';
import type { Json } from '../../chat/records.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../rate-limits.js';
import { authenticateApp, currentApp } from './auth.js';
import { createChatRoutes } from './chat-routes.js';
import { duration, startTimer } from './envelope.js';
import { platformErrorHandler, platformNotFound } from './errors.js';
import { createCheckSqsLimiter, createPlatformLimiter } from './limits.js';
import { objectBody } from './request-body.js';

export interface PlatformRouterOptions {
  db: Db;
  allowedSqsOrigins: readonly string[];
  /** Called after a chat write committed events for an app. */
  onEvents: (appId: string) => void;
  /** Per-app request limits. Default `DEFAULT_RATE_LIMITS`. */
  limits?: RateLimits;
}

export function createPlatformRouter(options: PlatformRouterOptions): Router {
  const { db, allowedSqsOrigins, onEvents } = options;
  const limits = options.limits ?? DEFAULT_RATE_LIMITS;
  const router = Router();
  router.use(startTimer);
  router.use(express.json({ limit: '1mb' }));
  router.use(deferBodyErrorForCheckSqs);
  router.use(authenticateApp(db));
  router.use(createPlatformLimiter(limits));

  router.get('/app', async (_request, response) => {
    const app = currentApp(response);
    response.json({ app: toAppSettings(app), duration: duration(response) });
  });

  router.patch('/app', async (request, response) => {
    const change = parseSettingsPatch(request.body, { allowedSqsOrigins });
    await updateAppSettings(db, currentApp(response).id, change);
    request.log.info(
      { appId: currentApp(response).id, fields: Object.keys(change) },
      'app settings changed through the API',
    );
    response.json({ duration: duration(response) });
  });

  const checkSqsLimiter = createCheckSqsLimiter(limits, allowedSqsOrigins);
  router.post('/check_sqs', checkSqsLimiter, async (request, response) => {
    const bodyError = response.locals['bodyError'] as string | undefined;
    if (bodyError !== undefined) {
      response.json({ status: 'error', error: bodyError, data: {},
        duration: duration(response) });
      return;
    }
    const app = await getApp(db, currentApp(response).id);
    const result = await testSqsSettings(
      app,
      notGivenWhenEmpty(objectBody(request)),
      allowedSqsOrigins,
    );
    request.log.info(
      { appId: app.id, status: result.status },
      'Test SQS through the API',
    );
    response.json({ ...result, duration: duration(response) });
  });

  router.use(createChatRoutes({ db, onEvents }));

  router.use(platformNotFound);
  router.use(platformErrorHandler);
  return router;
}

/** The app's settings as `GET /app` returns them: no secret in clear. */
function toAppSettings(app: App): Json {
  return {
    name: app.name,
    sqs_url: app.sqs_url,
    sqs_key: app.sqs_key,
    sqs_secret: app.sqs_secret === '' ? '' : STORED_SECRET_MASK,
    sqs_secret_stored: app.sqs_secret !== '',
    webhook_events:
      app.webhook_events === null ? null : JSON.parse(app.webhook_events),
    enable_hook_payload_compression: app.enable_hook_payload_compression === 1,
  };
}

/**
 * Drops empty strings, because the SDK's `testSQSSettings({ sqs_key: '' })`
 * means "not given": such fields fall back to the stored settings.
 */
function notGivenWhenEmpty(body: Json): Json {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== ''),
  );
}

/**
 * Defers a body error of `POST /check_sqs`: Test SQS always returns HTTP
 * 200 with `status`, as the platform does, so once the request is
 * authenticated the error becomes a `status: "error"` reply, not a 400.
 */
function deferBodyErrorForCheckSqs(
  err: unknown,
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  if (!request.path.endsWith('/check_sqs')) {
    next(err);
    return;
  }
  const status = (err as { status?: unknown } | null)?.status;
  response.locals['bodyError'] =
    status === 413
      ? 'Request body is larger than 1 MB; send only sqs_url, sqs_key ' +
        'and sqs_secret.'
      : 'Request body is not valid JSON; send an object such as ' +
        '{"sqs_url": "https://sqs.us-east-1.amazonaws.com/123456789012/q"}.';
  request.body = {};
  next();
}
