import { parseQueueUrl } from '@sqs-bridge/contracts';

/** Shown in the policy while the form has no valid queue URL. */
export const PLACEHOLDER_QUEUE_ARN =
  'arn:aws:sqs:<region>:<account-id>:<queue-name>';

/** The SQS actions that Test SQS and event delivery call. */
export const REQUIRED_SQS_ACTIONS = [
  'sqs:SendMessage',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
] as const;

/**
 * Returns the ARN of the queue a URL or ARN names, or the placeholder
 * when the input is empty or not a valid queue.
 */
export function getQueueArnOrPlaceholder(
  sqsUrl: string,
  allowedOrigins: readonly string[],
): string {
  if (sqsUrl.trim() === '') return PLACEHOLDER_QUEUE_ARN;
  const result = parseQueueUrl(sqsUrl, { allowedOrigins });
  return result.ok ? result.queue.arn : PLACEHOLDER_QUEUE_ARN;
}

/**
 * Builds an IAM policy document, as indented JSON, that allows the
 * actions delivery needs on one queue. It has no `Principal`, so it fits
 * an IAM user as is. A queue access policy needs the user as principal.
 */
export function buildQueuePolicy(queueArn: string): string {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowChatEventDelivery',
        Effect: 'Allow',
        Action: [...REQUIRED_SQS_ACTIONS],
        Resource: queueArn,
      },
    ],
  };
  return JSON.stringify(policy, null, 2);
}
