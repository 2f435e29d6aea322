/**
 * The dashboard's delivery API under `/dashboard/api/apps/:appId/`: the
 * delivery state, recent deliveries, one delivery, and Resume. Apps of
 * another organisation are not found.
 */
import { Router } from 'express';
import type { DeliveryStatus } from '@sqs-bridge/contracts';
import { z } from 'zod';

import type { Db } from '../../db/database.js';
import {
  getDeliveryDetails,
  getDeliveryStatus,
  listDeliveries,
  MAX_LIST_LIMIT,
} from '../../outbox/deliveries.js';
import { findApp, parseInput } from './request-input.js';

export interface DeliveryRoutesOptions {
  db: Db;
  /** Resumes a paused app's delivery; does nothing when it is not paused. */
  resumeDelivery: (appId: string) => Promise<void>;
}

const listQuerySchema = z.object({
  type: z.string().min(1).max(200).optional(),
  status: z
    .enum(['pending', 'sent', 'dropped'], {
      message: 'status must be pending, sent or dropped.',
    })
    .optional(),
  limit: z.coerce
    .number({ message: 'limit must be a number.' })
    .int('limit must be a whole number.')
    .min(1, 'limit must be at least 1.')
    .max(MAX_LIST_LIMIT, `limit must be at most ${MAX_LIST_LIMIT}.`)
    .optional(),
});

/** Creates the routes; mount them after `requireSession`. */
export function createDeliveryRoutes(options: DeliveryRoutesOptions): Router {
  const { db } = options;
  const router = Router();

  router.get('/apps/:appId/delivery', async (request, response) => {
    const app = await findApp(db, response, request.params['appId']);
    const status: DeliveryStatus = await getDeliveryStatus(db, app);
    response.json(status);
  });

  router.post('/apps/:appId/delivery/resume', async (request, response) => {
    const app = await findApp(db, response, request.params['appId']);
    await options.resumeDelivery(app.id);
    request.log.info({ appId: app.id }, 'delivery resume requested');
    response.json(await getDeliveryStatus(db, app));
  });

  router.get('/apps/:appId/deliveries', async (request, response) => {
    const app = await findApp(db, response, request.params['appId']);
    const query = parseInput(listQuerySchema, request.query, 'query');
    const list = await listDeliveries(db, app.id, {
      ...(query.type === undefined ? {} : { eventType: query.type }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    });
    response.json(list);
  });

  router.get('/apps/:appId/deliveries/:eventId', async (request, response) => {
    const app = await findApp(db, response, request.params['appId']);
    const eventId = request.params['eventId'] ?? '';
    response.json(await getDeliveryDetails(db, app.id, eventId));
  });

  return router;
}
