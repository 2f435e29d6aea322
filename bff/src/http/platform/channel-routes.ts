/** The channel endpoints of the platform API, custom events included. */
import { Router } from 'express';

import { deleteChannel, truncateChannel } from '../../chat/channel-deletion.js';
import { updateChannel } from '../../chat/channel-updates.js';
import { getOrCreateChannel } from '../../chat/channels.js';
import { sendCustomEvent } from '../../chat/custom-events.js';
import { sendMessage } from '../../chat/messages.js';
import { currentApp } from './auth.js';
import type { ChatRoutesOptions } from './chat-routes.js';
import { duration } from './envelope.js';
import { objectBody, pathParam } from './request-body.js';

export function createChannelRoutes(
  { db, onEvents }: ChatRoutesOptions,
): Router {
  const router = Router();

  router.post('/channels/:type/:id/query', async (request, response) => {
    const appId = currentApp(response).id;
    const view = await getOrCreateChannel(db, appId,
      pathParam(request, 'type'), pathParam(request, 'id'),
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

  router.post('/channels/:type/:id', async (request, response) => {
    const appId = currentApp(response).id;
    const result = await updateChannel(db, appId,
      pathParam(request, 'type'), pathParam(request, 'id'),
      objectBody(request));
    onEvents(appId);
    response.json({ ...result, duration: duration(response) });
  });

  router.post('/channels/:type/:id/truncate', async (request, response) => {
    const appId = currentApp(response).id;
    const result = await truncateChannel(db, appId,
      pathParam(request, 'type'), pathParam(request, 'id'),
      objectBody(request));
    onEvents(appId);
    response.json({ ...result, duration: duration(response) });
  });

  router.delete('/channels/:type/:id', async (request, response) => {
    const appId = currentApp(response).id;
    const channel = await deleteChannel(db, appId,
      pathParam(request, 'type'), pathParam(request, 'id'));
    onEvents(appId);
    response.json({ channel, duration: duration(response) });
  });

  router.post('/channels/:type/:id/message', async (request, response) => {
    const appId = currentApp(response).id;
    const message = await sendMessage(db, appId,
      pathParam(request, 'type'), pathParam(request, 'id'),
      objectBody(request));
    onEvents(appId);
    response.status(201).json({ message, duration: duration(response) });
  });

  router.post('/channels/:type/:id/event', async (request, response) => {
    const appId = currentApp(response).id;
    const event = await sendCustomEvent(db, appId,
      pathParam(request, 'type'), pathParam(request, 'id'),
      objectBody(request));
    onEvents(appId);
    response.status(201).json({ event, duration: duration(response) });
  });

  return router;
}
