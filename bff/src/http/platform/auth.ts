/**
 * Server-side authentication, as the platform's SDK performs it: the
 * `api_key` query parameter names the app, and the `Authorization` header
 * carries a JWT signed with that app's secret (HS256, `{"server":true}`).
 */
import { createSecretKey } from 'node:crypto';

import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

import { findAppByApiKey, type App } from '../../accounts/apps.js';
import { ErrorCode } from '../../chat/errors.js';
import type { Db } from '../../db/database.js';
import { PlatformError } from './envelope.js';

export function authenticateApp(db: Db) {
  return async (
    request: Request,
    response: Response,
    next: NextFunction,
  ): Promise<void> => {
    const apiKey = request.query['api_key'];
    if (Array.isArray(apiKey)) {
      throw new PlatformError(
        ErrorCode.accessKey,
        401,
        'api_key is given more than once; pass the app\'s API key once.',
      );
    }
    if (typeof apiKey !== 'string' || apiKey === '') {
      throw new PlatformError(
        ErrorCode.accessKey,
        401,
        'api_key query parameter is missing; pass the app\'s API key.',
      );
    }
    const app = await findAppByApiKey(db, apiKey);
    if (!app) {
      throw new PlatformError(
        ErrorCode.accessKey,
        401,
        `api_key ${apiKey} not found; check the app's API key.`,
      );
    }
    verifyServerToken(request.get('authorization'), app);
    response.locals['app'] = app;
    next();
  };
}

function verifyServerToken(header: string | undefined, app: App): void {
  if (app.api_secret === '') {
    // An empty secret means the stored one could not be decrypted. An
    // empty HMAC key must never verify a token, since anyone can sign one.
    throw authError(
      'The API secret of the app named by api_key cannot be read on the ' +
        'server; rotate it in the dashboard or with "npm run cli -- apps ' +
        'rotate-secret", then sign tokens with the new secret.',
    );
  }
  const token = header?.replace(/^Bearer /, '').trim();
  if (!token) {
    throw authError(
      'Authorization header is missing; send a server token signed with ' +
        'the app\'s API secret.',
    );
  }
  if (verifiedTokens.get(token) === verifiedKey(app)) return;
  const decoded = jwt.decode(token, { complete: true });
  if (decoded === null || typeof decoded.payload !== 'object') {
    throw authError('Authorization token is malformed: expected a JWT.');
  }
  if (decoded.header.alg !== 'HS256' || decoded.header.kid !== undefined) {
    throw authError(
      `Authorization token uses ${decoded.header.alg}; only HS256 tokens ` +
        'without a key id are accepted.',
    );
  }
  let payload: jwt.JwtPayload | string;
  try {
    // A KeyObject, because given a string jsonwebtoken first tries to parse
    // it as a PEM public key and catches the failure, which costs more
    // than the whole HMAC check.
    const key = createSecretKey(Buffer.from(app.api_secret, 'utf8'));
    payload = jwt.verify(token, key, { algorithms: ['HS256'] });
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) {
      throw new PlatformError(
        ErrorCode.tokenExpired,
        401,
        `Authorization token expired at ${err.expiredAt.toISOString()}; ` +
          'sign a new one, or leave exp out of server tokens.',
      );
    }
    if (err instanceof jwt.NotBeforeError) {
      throw authError(
        `Authorization token is not valid before ${err.date.toISOString()}.`,
      );
    }
    throw authError(
      'Authorization token signature is not valid; sign it with the ' +
        'API secret of the app named by api_key.',
    );
  }
  if (typeof payload !== 'object' || payload['server'] !== true) {
    throw authError(
      'Authorization token is not a server token; its payload must hold ' +
        '"server": true.',
    );
  }
  // A token that never expires verifies again for as long as the app
  // keeps its secret; one with a time limit is checked every time.
  if (payload.exp === undefined && payload.nbf === undefined) {
    if (verifiedTokens.size >= MAX_VERIFIED_TOKENS) verifiedTokens.clear();
    verifiedTokens.set(token, verifiedKey(app));
  }
}

/**
 * Server tokens that passed every check, each with the app and secret it
 * was verified against. The SDK signs one token per client and sends it
 * with every request; verifying it costs more than the rest of the
 * authentication.
 */
const verifiedTokens = new Map<string, string>();
/** Tokens kept at most; the cache is emptied when full. */
const MAX_VERIFIED_TOKENS = 1000;

function verifiedKey(app: App): string {
  return `${app.id}\n${app.api_secret}`;
}

function authError(message: string): PlatformError {
  return new PlatformError(ErrorCode.authentication, 401, message);
}

/** Returns the app that authenticated the request. */
export function currentApp(response: Response): App {
  return response.locals['app'] as App;
}
