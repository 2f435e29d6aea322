/**
 * The chat endpoints of the platform API: users, channels, members,
 * messages, reactions and custom events. Each write commits its events to
 * the outbox, then wakes the delivery worker.
 */
import { Router } from 'express';

import type { Db } from '../../db/database.js';
import { createChannelRoutes } from './channel-routes.js';
import { createMessageRoutes } from './message-routes.js';
import { createUserRoutes } from './user-routes.js';

export interface ChatRoutesOptions {
  db: Db;
  /** Called after a chat write committed events for an app. */
  onEvents: (appId: string) => void;
}

export function createChatRoutes(options: ChatRoutesOptions): Router {
  const router = Router();
  router.use(createUserRoutes(options));
  router.use(createChannelRoutes(options));
  router.use(createMessageRoutes(options));
  return router;
}
