/** Puts a chat change's events into the outbox, in its transaction. */
import { appendEvents, type Executor } from '../outbox/outbox.js';
import type { OutgoingEvent } from './events.js';

export async function appendEventsForApp(
  executor: Executor,
  appId: string,
  events: readonly OutgoingEvent[],
): Promise<void> {
  const app = await executor
    .selectFrom('apps')
    .select(['id', 'sqs_url', 'webhook_events'])
    .where('id', '=', appId)
    .executeTakeFirstOrThrow();
  await appendEvents(executor, app, events);
}
