/**
 * Request and response shapes of the dashboard API under `/dashboard/api/`.
 * The server validates requests with these schemas and the dashboard's
 * forms use the same ones, so both reject the same input.
 */
import { z } from 'zod';

import { accessKeyIdSchema, secretAccessKeySchema } from './aws-credentials.js';

/**
 * A text field that may be left empty, else must pass `schema`. Errors
 * carry `schema`'s own message, not a generic union failure.
 */
function emptyOr(schema: z.ZodType<string>, label: string) {
  return z
    .string({ error: `${label} must be text.` })
    .trim()
    .superRefine((value, context) => {
      if (value === '') return;
      const result = schema.safeParse(value);
      if (!result.success) {
        context.addIssue({
          code: 'custom',
          message: result.error.issues[0]?.message ?? `Invalid ${label}.`,
        });
      }
    });
}

export const signInInputSchema = z.object({
  email: z
    .string({ error: 'Email must be text.' })
    .trim()
    .min(1, 'Enter your email address.'),
  password: z
    .string({ error: 'Password must be text.' })
    .min(1, 'Enter your password.'),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

/** The signed-in user and the token that state-changing requests echo. */
export interface Session {
  user: { id: string; email: string; orgId: string; orgName: string };
  /** Sent back in the `X-CSRF-Token` header of every POST, PUT, PATCH, DELETE. */
  csrfToken: string;
  /** Origins of SQS-compatible servers besides AWS that the operator allows. */
  allowedSqsOrigins: string[];
}

export const createAppInputSchema = z.object({
  name: z
    .string({ error: 'Name must be text.' })
    .trim()
    .min(1, 'Enter a name for the app.')
    .max(100, 'An app name has at most 100 characters.'),
});
export type CreateAppInput = z.infer<typeof createAppInputSchema>;

export interface AppSummary {
  id: string;
  name: string;
  apiKey: string;
}

/** Returned once, when an app is created: the only time the secret shows. */
export interface CreatedApp extends AppSummary {
  apiSecret: string;
}

/**
 * Returned by `POST /apps/:appId/rotate-secret`: the new API secret, shown
 * only this once. The old secret stops working at once.
 */
export interface RotatedApiSecret extends AppSummary {
  apiSecret: string;
}

/** The SQS settings of an app as stored; the secret is never included. */
export interface SqsSettings {
  sqsUrl: string;
  sqsKey: string;
  sqsSecretStored: boolean;
}

export interface AppDetails extends AppSummary {
  createdAt: string;
  sqs: SqsSettings;
}

/**
 * The Amazon SQS form. An empty secret means "keep the stored one"; the URL
 * is checked against the allowed origins on the server and, through
 * `parseQueueUrl`, in the form.
 */
export const sqsSettingsInputSchema = z.object({
  sqsUrl: z.string({ error: 'SQS URL must be text.' }).trim(),
  sqsKey: emptyOr(accessKeyIdSchema, 'AWS Key'),
  sqsSecret: emptyOr(secretAccessKeySchema, 'AWS Secret'),
  /** Deletes the stored secret on Save; a new secret given wins. */
  removeSecret: z.boolean().optional(),
});
export type SqsSettingsInput = z.infer<typeof sqsSettingsInputSchema>;

/** The facts Test SQS read about the queue when the test passed. */
export interface QueueReport {
  queueUrl: string;
  queueArn: string;
  region: string;
  fifo: boolean;
  maximumMessageSizeBytes: number;
  deadLetterQueueArn: string | null;
  /** The customer-managed KMS key, or null when SQS manages the key or none. */
  kmsKeyId: string | null;
  sqsManagedEncryption: boolean;
  /** The SQS message id of the test event that was sent. */
  testMessageId: string;
  /** The test event as a consumer reads it after decoding the body. */
  testEvent: Record<string, unknown>;
  /** Readable advice, one sentence each; empty when nothing needs change. */
  advice: string[];
}

/** The result of Test SQS, the same shape as `POST /check_sqs`. */
export interface SqsCheckResult {
  status: 'ok' | 'error';
  error?: string;
  data?: QueueReport | Record<string, unknown>;
  duration: string;
}

/** The error body of every failed dashboard API request. */
export interface ApiErrorBody {
  error: {
    message: string;
    /** Field name to message, for errors that belong to one form field. */
    fields?: Record<string, string>;
  };
}
