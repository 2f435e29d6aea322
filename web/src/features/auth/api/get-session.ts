import type { Session } from '@sqs-bridge/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';
import { setCsrfToken } from '@/lib/csrf-token';

/** Returns the current session, or null without a signed-in user. */
export async function getSession(): Promise<Session | null> {
  try {
    const session = await apiRequest<Session>('/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function getSessionQueryOptions() {
  return queryOptions({
    queryKey: ['session'],
    queryFn: getSession,
  });
}

export function useSession() {
  return useQuery(getSessionQueryOptions());
}
