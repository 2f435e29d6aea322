/**
 * The server's structured logger. Secrets are redacted here, in one place:
 * by field name through pino's `redact`, and by value, by replacing
 * anything shaped like a token or secret key in every logged string.
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
  '*.csrfToken',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

const CENSOR = '[redacted]';

/**
 * Shapes of secret values: JWTs, AWS secret access keys (40 characters of
 * base64), API secrets and session tokens (64 letters and digits, or 43
 * characters of base64url).
 */
const SECRET_PATTERNS = [
  /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g,
  /(?<![\w/+=])[A-Za-z0-9/+]{40}(?![\w/+=])/g,
  /(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])/g,
  /(?<![\w-])[\w-]{43}(?![\w-])/g,
];

/** Replaces every substring shaped like a secret. */
export function redactSecretValues(text: string): string {
  let result = text;
  for (const pattern of SECRET_PATTERNS) result = result.replace(pattern, CENSOR);
  return result;
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecretValues(value);
  if (depth > 6 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = scrub(item, depth + 1);
  }
  return result;
}

export interface LoggerOptions {
  /** Where lines go; standard output when omitted. */
  destination?: pino.DestinationStream;
}

export function createLogger(level: string, options: LoggerOptions = {}):
  Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      base: { service: 'sqs-bridge' },
      formatters: {
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((arg) =>
            typeof arg === 'string' ? redactSecretValues(arg) : arg,
          ) as Parameters<typeof method>;
          method.apply(this, cleaned);
        },
      },
    },
    options.destination,
  );
}

export type { Logger };
