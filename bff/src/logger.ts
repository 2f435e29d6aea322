/**
 * The server's structured logger. Secrets are redacted here, in one place,
 * by field name; callers log ids and counts as fields.
 */
import { pino, type Logger } from 'pino';

/** Field paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'sqs_secret',
  '*.sqs_secret',
  'sqsSecret',
  '*.sqsSecret',
  'api_secret',
  '*.api_secret',
  'apiSecret',
  '*.apiSecret',
  'secretAccessKey',
  '*.secretAccessKey',
  'token',
  '*.token',
  'csrfToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'sqs-bridge' },
  });
}

export type { Logger };
