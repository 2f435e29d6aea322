/**
 * The test event that Test SQS sends. It is encoded as real events are and
 * carries few fields; its type is `sqs.test`, so consumers can skip it.
 */
import { randomUUID } from 'node:crypto';

import { TEST_EVENT_TYPE } from '@sqs-bridge/contracts';

import { encodeEventBody, type ChatEvent } from './encoding.js';

export interface TestEvent {
  event: ChatEvent & { id: string };
  body: string;
  eventType: string;
}

export function buildTestEvent(
  app: { id: string; enable_hook_payload_compression: number },
): TestEvent {
  const event = {
    id: randomUUID(),
    type: TEST_EVENT_TYPE,
    app_id: app.id,
    created_at: new Date().toISOString(),
    message:
      'Test event sent by Test SQS to check that events can reach this ' +
      'queue. Safe to ignore.',
  };
  const compress = app.enable_hook_payload_compression === 1;
  return {
    event,
    body: encodeEventBody(event, { compress }),
    eventType: TEST_EVENT_TYPE,
  };
}
