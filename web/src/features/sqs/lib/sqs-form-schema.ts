import { parseQueueUrl, sqsSettingsInputSchema } from '@sqs-bridge/contracts';
import type { z } from 'zod';

/**
 * Builds the schema of the Amazon SQS form: the server's input schema,
 * plus the server's queue URL check with the session's allowed origins.
 * An empty URL passes, because saving it turns SQS off.
 */
export function createSqsFormSchema(allowedOrigins: readonly string[]) {
  return sqsSettingsInputSchema.superRefine((input, context) => {
    if (input.sqsUrl === '') return;
    const result = parseQueueUrl(input.sqsUrl, { allowedOrigins });
    if (!result.ok) {
      context.addIssue({
        code: 'custom',
        path: ['sqsUrl'],
        message: result.error,
      });
    }
  });
}

export type SqsFormSchema = ReturnType<typeof createSqsFormSchema>;
export type SqsFormValues = z.input<SqsFormSchema>;
