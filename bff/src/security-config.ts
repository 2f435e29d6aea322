/**
 * Environment variables of the security settings: rate limits and the
 * proxies to trust. `config.ts` parses them with the rest.
 */
import { isIP } from 'node:net';

import { z } from 'zod';

import type { TrustProxy } from './http/app.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './http/rate-limits.js';

/** Names that Express's `trust proxy` accepts for address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `TRUST_PROXY`: empty or `false` (the default), a hop count, or
 * comma-separated proxy addresses, subnets and the names above. `true` is
 * rejected, because trusting every hop lets any client choose the address
 * that the sign-in limit counts.
 */
const trustProxySetting = z
  .string()
  .default('')
  .transform((text, context): TrustProxy => {
    const value = text.trim().toLowerCase();
    if (value === '' || value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((part) => part.trim());
    for (const entry of entries) {
      if (PROXY_RANGE_NAMES.has(entry) || isIP(entry.split('/')[0] ?? '')) {
        continue;
      }
      context.addIssue({
        code: 'custom',
        message:
          `"${entry}" is not a proxy address; expected false, a hop ` +
          'count, or addresses and subnets such as loopback,10.0.0.0/8',
      });
    }
    return entries;
  });

function limit(fallback: number) {
  return z.coerce
    .number({ message: 'must be a whole number; 0 turns the limit off' })
    .int('must be a whole number; 0 turns the limit off')
    .min(0, 'must be 0 or more; 0 turns the limit off')
    .default(fallback);
}

/** The variables, to spread into the environment schema. */
export const securityEnvironment = {
  TRUST_PROXY: trustProxySetting,
  SIGN_IN_LIMIT_PER_ACCOUNT: limit(
    DEFAULT_RATE_LIMITS.signInFailuresPerAccount,
  ),
  SIGN_IN_LIMIT_PER_ADDRESS: limit(
    DEFAULT_RATE_LIMITS.signInFailuresPerAddress,
  ),
  SQS_TEST_LIMIT_PER_MINUTE: limit(DEFAULT_RATE_LIMITS.sqsTestsPerMinute),
  CHAT_API_LIMIT_PER_MINUTE: limit(
    DEFAULT_RATE_LIMITS.chatApiRequestsPerMinute,
  ),
};

type SecurityValues = z.infer<z.ZodObject<typeof securityEnvironment>>;

export interface SecurityConfig {
  /** Express's `trust proxy` setting; false trusts no proxy. */
  trustProxy: TrustProxy;
  limits: RateLimits;
}

/** Builds the security settings from parsed variables. */
export function toSecurityConfig(values: SecurityValues): SecurityConfig {
  return {
    trustProxy: values.TRUST_PROXY,
    limits: {
      ...DEFAULT_RATE_LIMITS,
      signInFailuresPerAccount: values.SIGN_IN_LIMIT_PER_ACCOUNT,
      signInFailuresPerAddress: values.SIGN_IN_LIMIT_PER_ADDRESS,
      sqsTestsPerMinute: values.SQS_TEST_LIMIT_PER_MINUTE,
      chatApiRequestsPerMinute: values.CHAT_API_LIMIT_PER_MINUTE,
    },
  };
}
