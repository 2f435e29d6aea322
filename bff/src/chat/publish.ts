/** Puts a chat change's events into the outbox, in its transaction. */
import { prepareQuery } from '../db/prepared-query.js';
import { appendEvents, type Executor } from '../outbox/outbox.js';
import type { OutgoingEvent } from './events.js';

const selectApp = prepareQuery((db, values: { appId: string }) =>
  db
    .selectFrom('apps')
    .select(['id', 'sqs_url', 'webhook_events'])
    .where('id', '=', values.appId));

export async function appendEventsForApp(
  executor: Executor,
  appId: string,
  events: readonly OutgoingEvent[],
): Promise<void> {
  const [app] = await selectApp.execute(executor, { appId });
  if (app === undefined) {
    throw new Error(`App ${appId} not found; it was deleted during the write.`);
  }
  await appendEvents(executor, app, events);
}
