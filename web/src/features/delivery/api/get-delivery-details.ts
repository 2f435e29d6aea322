import type { DeliveryDetails } from '@sqs-bridge/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

import { getDeliveriesQueryKey } from './get-deliveries';

/** Returns one event of an app with its decoded JSON. */
export function getDeliveryDetails(
  appId: string,
  eventId: string,
): Promise<DeliveryDetails> {
  const path =
    `/apps/${encodeURIComponent(appId)}/deliveries/` +
    encodeURIComponent(eventId);
  return apiRequest<DeliveryDetails>(path);
}

export function getDeliveryDetailsQueryOptions(
  appId: string,
  eventId: string,
) {
  return queryOptions({
    queryKey: [...getDeliveriesQueryKey(appId), 'details', eventId],
    queryFn: () => getDeliveryDetails(appId, eventId),
  });
}

export function useDeliveryDetails(appId: string, eventId: string) {
  return useQuery(getDeliveryDetailsQueryOptions(appId, eventId));
}
