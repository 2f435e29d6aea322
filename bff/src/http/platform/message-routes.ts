/** The message and reaction endpoints of the platform API. */
import { Router } from 'express';

import { ChatInputError } from '../../chat/errors.js';
import { deleteMessage, updateMessage } from '../../chat/message-edits.js';
import { deleteReaction, sendReaction } from '../../chat/reactions.js';
import { currentApp } from './auth.js';
import type { ChatRoutesOptions } from './chat-routes.js';
import { duration } from './envelope.js';
import { objectBody, pathParam, queryFlag } from './request-body.js';

export function createMessageRoutes(
  { db, onEvents }: ChatRoutesOptions,
): Router {
  const router = Router();

  router.post('/messages/:id', async (request, response) => {
    const appId = currentApp(response).id;
    const message = await updateMessage(db, appId, pathParam(request, 'id'),
      objectBody(request));
    onEvents(appId);
    response.json({ message, duration: duration(response) });
  });

  router.delete('/messages/:id', async (request, response) => {
    const appId = currentApp(response).id;
    if (queryFlag(request, 'delete_for_me')) {
      throw new ChatInputError(
        'delete_for_me is not supported for server-side calls; delete the ' +
          'message for everyone instead.',
      );
    }
    const message = await deleteMessage(db, appId, pathParam(request, 'id'), {
      hard: queryFlag(request, 'hard'),
    });
    onEvents(appId);
    response.json({ message, duration: duration(response) });
  });

  router.post('/messages/:id/reaction', async (request, response) => {
    const appId = currentApp(response).id;
    const result = await sendReaction(db, appId, pathParam(request, 'id'),
      objectBody(request));
    onEvents(appId);
    response.status(201).json({ ...result, duration: duration(response) });
  });

  router.delete('/messages/:id/reaction/:type', async (request, response) => {
    const appId = currentApp(response).id;
    const result = await deleteReaction(db, appId, pathParam(request, 'id'),
      pathParam(request, 'type'), request.query['user_id']);
    onEvents(appId);
    response.json({ ...result, duration: duration(response) });
  });

  return router;
}
