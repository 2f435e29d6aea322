/**
 * The event type of the message that Test SQS sends. Consumers that only
 * want chat events skip messages of this type.
 */
export const TEST_EVENT_TYPE = 'sqs.test';
