/**
 * The chat endpoints of the platform API: users, channels, members,
 * messages, reactions and custom events. Each write commits its events to
 * the outbox, then wakes the delivery worker.
 */
import { Router, type Request } from 'express';

import { getOrCreateChannel } from '../../chat/channels.js';
import { sendMessage } from '../../chat/messages.js';
import type { Json } from '../../chat/records.js';
import { upsertUsers } from '../../chat/users.js';
import type { Db } from '../../db/database.js';
import { currentApp } from './auth.js';
import { duration } from './envelope.js';

export interface ChatRoutesOptions {
  db: Db;
  /** Called after a chat write committed events for an app. */
  onEvents: (appId: string) => void;
}

export function createChatRoutes(options: ChatRoutesOptions): Router {
  const { db, onEvents } = options;
  const router = Router();

  router.post('/users', async (request, response) => {
    const users = await upsertUsers(
      db,
      currentApp(response).id,
      objectBody(request)['users'],
    );
    response.json({ users, duration: duration(response) });
  });

  router.post('/channels/:type/:id/query', async (request, response) => {
    const appId = currentApp(response).id;
    const { type, id } = request.params as { type: string; id: string };
    const view = await getOrCreateChannel(db, appId, type, id,
      objectBody(request));
    onEvents(appId);
    response.json({
      channel: view.channel,
      members: view.members,
      messages: [],
      pinned_messages: [],
      read: [],
      watchers: [],
      watcher_count: 0,
      membership: null,
      duration: duration(response),
    });
  });

  router.post('/channels/:type/:id/message', async (request, response) => {
    const appId = currentApp(response).id;
    const { type, id } = request.params as { type: string; id: string };
    const message = await sendMessage(db, appId, type, id,
      objectBody(request));
    onEvents(appId);
    response.status(201).json({ message, duration: duration(response) });
  });

  return router;
}

/** The JSON body when it is an object, else an empty object. */
export function objectBody(request: Request): Json {
  const body: unknown = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Json)
    : {};
}
