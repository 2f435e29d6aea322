import {
  MutationCache,
  QueryCache,
  QueryClient,
} from '@tanstack/react-query';

import { isApiError } from './api-error';

/** Maximum attempts of a failed query before it shows its error. */
const MAX_QUERY_ATTEMPTS = 3;

/**
 * Called when any request fails with 401, so the app can forget the
 * session and send the user to the sign-in page.
 */
export type UnauthorisedHandler = (client: QueryClient) => void;

/**
 * Creates the query client. Client errors (4xx) are not retried, because
 * the same request fails the same way.
 */
export function createQueryClient(
  onUnauthorised: UnauthorisedHandler,
): QueryClient {
  const handleError = (error: Error): void => {
    if (isApiError(error) && error.status === 401) onUnauthorised(client);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) {
            return false;
          }
          return failureCount + 1 < MAX_QUERY_ATTEMPTS;
        },
      },
      mutations: { retry: false },
    },
  });
  return client;
}
