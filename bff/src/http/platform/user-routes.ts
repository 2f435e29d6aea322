/** The user endpoints of the platform API. */
import { Router } from 'express';

import { deleteUser } from '../../chat/user-deletion.js';
import { partialUpdateUsers } from '../../chat/user-updates.js';
import { upsertUsers } from '../../chat/users.js';
import { currentApp } from './auth.js';
import type { ChatRoutesOptions } from './chat-routes.js';
import { duration } from './envelope.js';
import { objectBody, pathParam, queryFlag } from './request-body.js';

export function createUserRoutes({ db, onEvents }: ChatRoutesOptions): Router {
  const router = Router();

  router.post('/users', async (request, response) => {
    const appId = currentApp(response).id;
    const users = await upsertUsers(db, appId, objectBody(request)['users']);
    onEvents(appId);
    response.json({ users, duration: duration(response) });
  });

  router.patch('/users', async (request, response) => {
    const appId = currentApp(response).id;
    const users = await partialUpdateUsers(db, appId,
      objectBody(request)['users']);
    onEvents(appId);
    response.json({ users, duration: duration(response) });
  });

  router.delete('/users/:id', async (request, response) => {
    const appId = currentApp(response).id;
    const user = await deleteUser(db, appId, pathParam(request, 'id'), {
      hardDelete: queryFlag(request, 'hard_delete'),
      markMessagesDeleted: queryFlag(request, 'mark_messages_deleted'),
      deleteConversationChannels:
        queryFlag(request, 'delete_conversation_channels'),
    });
    onEvents(appId);
    response.json({ user, duration: duration(response) });
  });

  return router;
}
