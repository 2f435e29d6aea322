import type { DeliveryStatus } from '@sqs-bridge/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

/** How often the delivery status refreshes, in milliseconds. */
export const DELIVERY_REFRESH_MS = 5000;

/** Returns whether events are flowing to an app's queue. */
export function getDeliveryStatus(appId: string): Promise<DeliveryStatus> {
  const path = `/apps/${encodeURIComponent(appId)}/delivery`;
  return apiRequest<DeliveryStatus>(path);
}

export function getDeliveryStatusQueryOptions(appId: string) {
  return queryOptions({
    queryKey: ['delivery', appId],
    queryFn: () => getDeliveryStatus(appId),
    refetchInterval: DELIVERY_REFRESH_MS,
  });
}

export function useDeliveryStatus(appId: string) {
  return useQuery(getDeliveryStatusQueryOptions(appId));
}
