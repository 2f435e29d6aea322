import type { DeliveryStatus } from '@sqs-bridge/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

import { getDeliveryRefreshMs } from '../lib/delivery-state';

/** Returns the delivery state and counts of an app. */
export function getDeliveryStatus(appId: string): Promise<DeliveryStatus> {
  const path = `/apps/${encodeURIComponent(appId)}/delivery`;
  return apiRequest<DeliveryStatus>(path);
}

/**
 * Refreshes every 4 s, or every 1.5 s while events are being sent.
 * TanStack Query skips interval refetches while the tab is hidden,
 * because `refetchIntervalInBackground` is false by default.
 */
export function getDeliveryStatusQueryOptions(appId: string) {
  return queryOptions({
    queryKey: ['delivery', appId],
    queryFn: () => getDeliveryStatus(appId),
    refetchInterval: (query) => getDeliveryRefreshMs(query.state.data?.state),
  });
}

export function useDeliveryStatus(appId: string) {
  return useQuery(getDeliveryStatusQueryOptions(appId));
}
