/**
 * Server configuration, read from the environment once at start-up. Other
 * modules receive the parsed values, never `process.env`.
 */
import path from 'node:path';

import { z } from 'zod';

import {
  securityEnvironment,
  toSecurityConfig,
  type SecurityConfig,
} from './security-config.js';

const originList = z
  .string()
  .default('')
  .transform((text, context) => {
    const origins: string[] = [];
    for (const part of text.split(',')) {
      const value = part.trim();
      if (value === '') continue;
      const origin = toOrigin(value);
      if (origin === null) {
        context.addIssue({
          code: 'custom',
          message:
            `"${value}" is not an origin; expected scheme://host:port, ` +
            'such as http://127.0.0.1:9324',
        });
        continue;
      }
      origins.push(origin);
    }
    return origins;
  });

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const HEX_KEY_MESSAGE =
  'must be 32 bytes written as 64 hex characters; generate a key with: ' +
  'openssl rand -hex 32';

/** An optional key; an empty value counts as unset. */
const hexKey = z
  .string()
  .trim()
  .refine((text) => text === '' || HEX_KEY.test(text), HEX_KEY_MESSAGE)
  .optional();

/** Comma-separated keys. Messages name an entry by position, never by value. */
const hexKeyList = z
  .string()
  .default('')
  .transform((text, context) => {
    const keys = text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    keys.forEach((key, index) => {
      if (HEX_KEY.test(key)) return;
      context.addIssue({
        code: 'custom',
        message: `entry ${index + 1} ${HEX_KEY_MESSAGE}`,
      });
    });
    return keys;
  });

const environmentSchema = z.object({
  ...securityEnvironment,
  PORT: z.coerce.number().int().min(0).max(65535).default(3030),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  SQS_ALLOWED_ENDPOINTS: originList,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  WEB_DIST_DIR: z.string().optional(),
  SECRETS_KEY: hexKey,
  SECRETS_KEY_PREVIOUS: hexKeyList,
  DELIVERY_PROBE_INTERVAL_MS: z.coerce.number().int().min(100).optional(),
  DELIVERY_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
});

export interface Config extends SecurityConfig {
  port: number;
  host: string;
  /** Absolute path of the folder that contains the database. */
  dataDir: string;
  /** Origins of SQS-compatible servers besides AWS, such as fauxqs. */
  allowedSqsOrigins: string[];
  logLevel: string;
  /** The built dashboard; null when the server runs without one. */
  webDistDir: string | null;
  /**
   * Key of the stored secrets as 64 hex characters; null selects the key
   * file in the data folder. Never logged.
   */
  secretsKey: string | null;
  /** Older keys that still decrypt until re-encryption ends. Never logged. */
  previousSecretsKeys: string[];
  /** How often paused apps are probed, in ms; unset keeps the worker's 30 s. */
  probeIntervalMs?: number;
  /** Deadline of one SQS call, in ms; unset keeps the worker's 10 s. */
  sendTimeoutMs?: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment. On failure the error lists each bad variable by
 * name with the reason, never the values of the others.
 */
export function loadConfig(
  environment: NodeJS.ProcessEnv,
  defaults: { webDistDir?: string } = {},
): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(
      `Invalid environment variables:\n${lines.join('\n')}`,
    );
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.DATA_DIR),
    allowedSqsOrigins: values.SQS_ALLOWED_ENDPOINTS,
    logLevel: values.LOG_LEVEL,
    webDistDir: values.WEB_DIST_DIR ?? defaults.webDistDir ?? null,
    secretsKey: values.SECRETS_KEY || null,
    previousSecretsKeys: values.SECRETS_KEY_PREVIOUS,
    probeIntervalMs: values.DELIVERY_PROBE_INTERVAL_MS,
    sendTimeoutMs: values.DELIVERY_SEND_TIMEOUT_MS,
    ...toSecurityConfig(values),
  };
}

function toOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  if (url.pathname !== '/' || url.search || url.hash) return null;
  return url.origin;
}
