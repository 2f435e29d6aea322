import type { AppDetails } from '@sqs-bridge/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

/**
 * Returns one app with its SQS settings. The server returns 404 for apps
 * of other organisations.
 */
export function getApp(appId: string): Promise<AppDetails> {
  return apiRequest<AppDetails>(`/apps/${encodeURIComponent(appId)}`);
}

export function getAppQueryOptions(appId: string) {
  return queryOptions({
    queryKey: ['apps', appId],
    queryFn: () => getApp(appId),
  });
}

export function useApp(appId: string) {
  return useQuery(getAppQueryOptions(appId));
}
