/**
 * Schemas for the AWS credentials of an SQS destination. The dashboard form
 * and the server both validate with them. Messages name the expected form
 * and never repeat the value, so a mistyped secret does not end up in a
 * form error or a log line.
 */
import { z } from 'zod';

/** Long-term access key ids: AKIA and 16 uppercase letters or digits. */
const LONG_TERM_KEY_ID = /^AKIA[A-Z0-9]{16}$/;

/** Secret access keys: 40 characters of base64 letters without padding. */
const SECRET_ACCESS_KEY = /^[A-Za-z0-9/+]{40}$/;

const KEY_ID_MESSAGE =
  'AWS Key must be an AWS access key id, 20 characters starting with ' +
  'AKIA, such as AKIAIOSFODNN7EXAMPLE.';

const TEMPORARY_KEY_MESSAGE =
  'AWS Key is a temporary access key id (ASIA…), which only works with a ' +
  'session token that this product does not store. Use a long-term ' +
  'access key id starting with AKIA.';

const SECRET_MESSAGE =
  'AWS Secret must be an AWS secret access key: 40 characters of ' +
  'letters, digits, "/" and "+".';

function describeKeyIdIssue(input: unknown): string {
  const temporary = typeof input === 'string' && input.startsWith('ASIA');
  return temporary ? TEMPORARY_KEY_MESSAGE : KEY_ID_MESSAGE;
}

/**
 * An AWS access key id for long-term credentials (`AKIA` and 16 uppercase
 * letters or digits), trimmed. Temporary keys (`ASIA…`) are rejected with
 * their own message because they need a session token.
 */
export const accessKeyIdSchema = z
  .string()
  .trim()
  .refine((value) => LONG_TERM_KEY_ID.test(value), {
    error: (issue) => describeKeyIdIssue(issue.input),
  });

/** An AWS secret access key: 40 characters of `[A-Za-z0-9/+]`, trimmed. */
export const secretAccessKeySchema = z
  .string()
  .trim()
  .regex(SECRET_ACCESS_KEY, SECRET_MESSAGE);
