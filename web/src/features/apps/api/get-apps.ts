import type { AppSummary } from '@sqs-bridge/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

/** Returns the apps of the signed-in user's organisation. */
export async function getApps(): Promise<AppSummary[]> {
  const body = await apiRequest<{ apps: AppSummary[] }>('/apps');
  return body.apps;
}

export function getAppsQueryOptions() {
  return queryOptions({
    queryKey: ['apps'],
    queryFn: getApps,
  });
}

export function useApps() {
  return useQuery(getAppsQueryOptions());
}
