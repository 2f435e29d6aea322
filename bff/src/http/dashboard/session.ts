/**
 * Dashboard sessions over a cookie, and CSRF protection: every state-
 * changing request must echo the session's CSRF token in `X-CSRF-Token`.
 */
import { timingSafeEqual } from 'node:crypto';

import type { NextFunction, Request, Response } from 'express';

import {
  findSession,
  SESSION_MAX_AGE_MS,
  type SignedInUser,
} from '../../accounts/sessions.js';
import type { Db } from '../../db/database.js';
import { HttpError } from '../errors.js';

export const SESSION_COOKIE = 'sqs_bridge_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookie(
  request: Request,
  response: Response,
  token: string,
): void {
  response.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.secure,
    path: '/',
    maxAge: SESSION_MAX_AGE_MS,
  });
}

export function clearSessionCookie(response: Response): void {
  response.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Loads the session, when there is one, into `response.locals`. */
export function loadSession(db: Db) {
  return async (
    request: Request,
    response: Response,
    next: NextFunction,
  ): Promise<void> => {
    const token = (request.cookies as Record<string, unknown>)[SESSION_COOKIE];
    if (typeof token === 'string' && token !== '') {
      const session = await findSession(db, token);
      if (session) response.locals['session'] = session;
      else clearSessionCookie(response);
    }
    next();
  };
}

/** Rejects requests without a session, and unsafe ones without CSRF. */
export function requireSession(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const session = response.locals['session'] as SignedInUser | undefined;
  if (!session) throw new HttpError(401, 'Sign in to continue.');
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.get('x-csrf-token') ?? '';
    if (!tokensMatch(sent, session.csrfToken)) {
      throw new HttpError(
        403,
        'Missing or invalid CSRF token; reload the page and try again.',
      );
    }
  }
  next();
}

function tokensMatch(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function currentSession(response: Response): SignedInUser {
  return response.locals['session'] as SignedInUser;
}
