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

/**
 * The shortest string any of `SECRET_PATTERNS` matches: a JWT's `eyJ`,
 * two parts of 4 characters and two dots.
 */
const MIN_SECRET_LENGTH = 13;

/** All of `SECRET_PATTERNS` in one test, so that most strings take one pass. */
const ANY_SECRET = new RegExp(
  SECRET_PATTERNS.map((pattern) => pattern.source).join('|'),
);

/** Replaces every substring shaped like a secret. */
export function redactSecretValues(text: string): string {
  if (text.length < MIN_SECRET_LENGTH || !ANY_SECRET.test(text)) return text;
  let result = text;
  for (const pattern of SECRET_PATTERNS) result = result.replace(pattern, CENSOR);
  return result;
}

/**
 * Returns the value with secret-shaped strings redacted. A plain object or
 * array in which nothing changed is returned as it is. Any other object,
 * such as an `Error`, is always copied to a plain object of its own
 * enumerable fields.
 */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecretValues(value);
  if (depth > 6 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const cleaned = scrub(item, depth + 1);
      changed ||= cleaned !== item;
      return cleaned;
    });
    return changed ? items : value;
  }
  const plain = Object.getPrototypeOf(value) === Object.prototype;
  let changed = !plain;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const cleaned = scrub(item, depth + 1);
    changed ||= cleaned !== item;
    result[key] = cleaned;
  }
  return changed ? result : value;
}

export interface LoggerOptions {
  /**
   * Destination of the log lines. Default: standard output, written
   * asynchronously so that a request does not wait for its log line.
   * Pino flushes the buffered lines when the process exits.
   */
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
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

export type { Logger };
