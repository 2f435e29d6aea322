/**
 * Builds the `SQSClient`s of the product. This folder is the only place
 * that imports `@aws-sdk/client-sqs`, so every client gets explicit
 * credentials and timeouts and never falls back to the machine's own AWS
 * identity or to the SDK's default of no timeout.
 *
 * Every client resolves host names through `createGuardedLookup`, so an
 * AWS host name that resolves to a private, loopback, link-local or
 * metadata address fails before a socket opens. The Node HTTP handler
 * does not follow redirects: a 3xx response goes back to the SDK, which
 * reports it as an error.
 */
import http from 'node:http';
import https from 'node:https';

import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

import { SqsError } from './errors.js';
import { createGuardedLookup, type LookupFunction } from './guarded-lookup.js';

/** Sockets per client and scheme, the Node HTTP handler's own default. */
const MAX_SOCKETS = 50;

/** Options of `createSqsClient`. */
export interface SqsClientOptions {
  /** Region the requests are signed for, which must be the queue's region. */
  region: string;
  /**
   * Origin of an allowed SQS-compatible server, or null for AWS, where the
   * SDK derives the endpoint from the region.
   */
  endpoint: string | null;
  accessKeyId: string;
  secretAccessKey: string;
  /** Maximum time for one request and its response, in milliseconds. */
  requestTimeoutMs: number;
  /** Maximum time to open the TCP (and TLS) connection, in milliseconds. */
  connectionTimeoutMs: number;
  /** Attempts per call, the first one included, so 1 disables retries. */
  maxAttempts: number;
  /** Use the region's FIPS endpoint (`sqs-fips.<region>`). Default false. */
  fips?: boolean;
  /**
   * Resolver whose results the guard checks, for tests that fake DNS.
   * Default `dns.lookup`.
   */
  lookup?: LookupFunction;
}

/**
 * Credentials sent to allowed non-AWS servers when the app stores no key or
 * secret. Local SQS-compatible servers check no signature, but the SDK
 * signs every request and needs some value.
 */
export const PLACEHOLDER_CREDENTIALS = {
  accessKeyId: 'local-placeholder',
  secretAccessKey: 'local-placeholder',
} as const;

/**
 * Creates an `SQSClient` with static credentials and request timeouts.
 * For AWS (no `endpoint`), an empty key or secret raises an `SqsError`
 * before any request. For an allowed server, empty credentials are
 * replaced by `PLACEHOLDER_CREDENTIALS`.
 */
export function createSqsClient(options: SqsClientOptions): SQSClient {
  const credentials = resolveCredentials(options);
  const agentOptions = {
    keepAlive: true,
    maxSockets: MAX_SOCKETS,
    lookup: createGuardedLookup(options.lookup),
  };
  const requestHandler = new NodeHttpHandler({
    httpAgent: new http.Agent(agentOptions),
    httpsAgent: new https.Agent(agentOptions),
    requestTimeout: options.requestTimeoutMs,
    throwOnRequestTimeout: true,
    connectionTimeout: options.connectionTimeoutMs,
  });
  return new SQSClient({
    region: options.region,
    credentials,
    requestHandler,
    maxAttempts: options.maxAttempts,
    // By default the SDK hashes every body with MD5 and compares the hash
    // with the one in SQS's response: in a bare SendMessageBatch loop, a
    // fifth of the client's CPU time. TLS already guards bodies on their
    // way to AWS. For a server an operator allows over plain HTTP, the
    // hash would only catch corruption that TCP let through.
    md5: false,
    useFipsEndpoint: options.fips ?? false,
    useDualstackEndpoint: false,
    ...(options.endpoint === null ? {} : { endpoint: options.endpoint }),
  });
}

function resolveCredentials(options: SqsClientOptions): {
  accessKeyId: string;
  secretAccessKey: string;
} {
  const { accessKeyId, secretAccessKey } = options;
  if (options.endpoint !== null) {
    return {
      accessKeyId: accessKeyId || PLACEHOLDER_CREDENTIALS.accessKeyId,
      secretAccessKey:
        secretAccessKey || PLACEHOLDER_CREDENTIALS.secretAccessKey,
    };
  }
  if (accessKeyId === '') {
    throw missingCredential(
      'AWS Key is missing. Enter the access key id of an IAM user that may ' +
        'send to the queue.',
    );
  }
  if (secretAccessKey === '') {
    throw missingCredential(
      'AWS Secret is missing. Enter the secret access key of the AWS Key.',
    );
  }
  return { accessKeyId, secretAccessKey };
}

function missingCredential(message: string): SqsError {
  return new SqsError(message, {
    code: 'MissingCredentials',
    httpStatus: null,
    retryable: false,
    queueUrl: null,
  });
}
