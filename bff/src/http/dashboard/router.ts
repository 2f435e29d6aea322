/** The dashboard's own API under `/dashboard/api/`. */
import express, { Router } from 'express';
import {
  createAppInputSchema,
  signInInputSchema,
  sqsSettingsInputSchema,
  type AppDetails,
  type AppSummary,
  type RotatedApiSecret,
  type Session,
} from '@sqs-bridge/contracts';
import type { z } from 'zod';

import { parseSettingsPatch } from '../../accounts/app-settings.js';
import {
  createAppInOrg,
  listApps,
  rotateApiSecret,
  updateAppSettings,
  type App,
} from '../../accounts/apps.js';
import { InputError } from '../../accounts/errors.js';
import {
  authenticate,
  createSession,
  endSession,
  findSession,
  type SignedInUser,
} from '../../accounts/sessions.js';
import type { Db } from '../../db/database.js';
import { testSqsSettings } from '../../sqs/test-sqs.js';
import { dashboardErrorHandler, HttpError } from '../errors.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../rate-limits.js';
import { createDeliveryRoutes } from './delivery-routes.js';
import { createSignInLimiters, createSqsTestLimiter } from './limits.js';
import { findApp, parseInput } from './request-input.js';
import {
  clearSessionCookie,
  currentSession,
  loadSession,
  requireSession,
  setSessionCookie,
} from './session.js';

export interface DashboardRouterOptions {
  db: Db;
  allowedSqsOrigins: readonly string[];
  /** Resumes a paused app's delivery, for the Resume button. */
  resumeDelivery: (appId: string) => Promise<void>;
  /** Sign-in and Test SQS limits. Default `DEFAULT_RATE_LIMITS`. */
  limits?: RateLimits;
}

/** Form field names of the dashboard for the settings' API names. */
const SQS_FIELD_NAMES: Record<string, string> = {
  sqs_url: 'sqsUrl',
  sqs_key: 'sqsKey',
  sqs_secret: 'sqsSecret',
};

export function createDashboardRouter(options: DashboardRouterOptions): Router {
  const { db, allowedSqsOrigins, resumeDelivery } = options;
  const limits = options.limits ?? DEFAULT_RATE_LIMITS;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  router.use(loadSession(db));

  const toSession = (session: SignedInUser): Session => ({
    user: {
      id: session.user.id,
      email: session.user.email,
      orgId: session.org.id,
      orgName: session.org.name,
    },
    csrfToken: session.csrfToken,
    allowedSqsOrigins: [...allowedSqsOrigins],
  });

  router.post('/session', ...createSignInLimiters(limits));
  router.post('/session', async (request, response) => {
    const input = parseInput(signInInputSchema, request.body, 'body');
    const user = await authenticate(db, input.email, input.password);
    if (!user) {
      request.log.info({ email: input.email }, 'sign-in failed');
      throw new HttpError(401, 'Email or password is incorrect.');
    }
    const previous = response.locals['session'] as SignedInUser | undefined;
    if (previous) await endSession(db, previous.sessionId);
    const { token } = await createSession(db, user.id);
    const session = await findSession(db, token);
    if (!session) throw new Error('session vanished right after sign-in');
    setSessionCookie(request, response, token);
    request.log.info({ userId: user.id }, 'signed in');
    response.json(toSession(session));
  });

  router.use(requireSession);

  router.get('/session', (_request, response) => {
    response.json(toSession(currentSession(response)));
  });

  router.delete('/session', async (_request, response) => {
    await endSession(db, currentSession(response).sessionId);
    clearSessionCookie(response);
    response.status(204).end();
  });

  router.get('/apps', async (_request, response) => {
    const apps = await listApps(db, currentSession(response).org.id);
    response.json({ apps: apps.map(toSummary) });
  });

  router.post('/apps', async (request, response) => {
    const input = parseInput(createAppInputSchema, request.body, 'body');
    const app = await createAppInOrg(db, {
      name: input.name,
      orgId: currentSession(response).org.id,
    });
    request.log.info({ appId: app.id }, 'app created');
    response.status(201).json({ ...toSummary(app), apiSecret: app.api_secret });
  });

  router.get('/apps/:appId', async (request, response) => {
    const app = await findApp(db, response, request.params['appId']);
    response.json(toDetails(app));
  });

  router.put('/apps/:appId/sqs', async (request, response) => {
    const app = await findApp(db, response, request.params['appId']);
    const input = parseInput(sqsSettingsInputSchema, request.body, 'body');
    const change = parseSqsChange(input, allowedSqsOrigins);
    const updated = await updateAppSettings(db, app.id, change);
    request.log.info({ appId: app.id }, 'SQS settings saved');
    response.json(toDetails(updated));
  });

  router.post(
    '/apps/:appId/sqs/test',
    createSqsTestLimiter(limits, allowedSqsOrigins),
  );
  router.post('/apps/:appId/sqs/test', async (request, response) => {
    const app = await findApp(db, response, request.params['appId']);
    const input = parseInput(sqsSettingsInputSchema, request.body, 'body');
    const result = await testSqsSettings(
      app,
      // The form shows the stored URL and key, so its values are tested as
      // they are. It never shows the secret, so an empty secret means the
      // stored one.
      {
        sqs_url: input.sqsUrl,
        sqs_key: input.sqsKey,
        sqs_secret: input.sqsSecret === '' ? undefined : input.sqsSecret,
      },
      allowedSqsOrigins,
    );
    request.log.info({ appId: app.id, status: result.status }, 'Test SQS');
    response.json(result);
  });

  router.post('/apps/:appId/rotate-secret', async (request, response) => {
    const app = await findApp(db, response, request.params['appId']);
    const rotated = await rotateApiSecret(db, app.id);
    request.log.info({ appId: app.id }, 'API secret rotated');
    const body: RotatedApiSecret = {
      ...toSummary(rotated),
      apiSecret: rotated.api_secret,
    };
    response.json(body);
  });

  router.use(createDeliveryRoutes({ db, resumeDelivery }));

  router.use((request) => {
    throw new HttpError(404, `${request.method} ${request.path} not found.`);
  });
  router.use(dashboardErrorHandler);
  return router;
}

function parseSqsChange(
  input: z.infer<typeof sqsSettingsInputSchema>,
  allowedSqsOrigins: readonly string[],
) {
  const patch: Record<string, string> = {
    sqs_url: input.sqsUrl,
    sqs_key: input.sqsKey,
  };
  if (input.sqsSecret !== '') patch['sqs_secret'] = input.sqsSecret;
  else if (input.removeSecret) patch['sqs_secret'] = '';
  try {
    return parseSettingsPatch(patch, { allowedSqsOrigins });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const fields = Object.fromEntries(
      Object.entries(err.fields).map(([name, message]) => [
        SQS_FIELD_NAMES[name] ?? name,
        message,
      ]),
    );
    throw new InputError(err.message, fields);
  }
}

function toSummary(app: App): AppSummary {
  return { id: app.id, name: app.name, apiKey: app.api_key };
}

function toDetails(app: App): AppDetails {
  return {
    ...toSummary(app),
    createdAt: app.created_at,
    sqs: {
      sqsUrl: app.sqs_url,
      sqsKey: app.sqs_key,
      sqsSecretStored: app.sqs_secret !== '',
    },
  };
}
