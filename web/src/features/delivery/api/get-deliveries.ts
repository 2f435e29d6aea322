import type { DeliveryList } from '@sqs-bridge/contracts';
import {
  keepPreviousData,
  queryOptions,
  useQuery,
} from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

import {
  buildDeliveriesSearch,
  type DeliveriesFilter,
} from '../lib/deliveries-filter';

/** Returns an app's recent events that match the filter, newest first. */
export function getDeliveries(
  appId: string,
  filter: DeliveriesFilter,
): Promise<DeliveryList> {
  const path =
    `/apps/${encodeURIComponent(appId)}/deliveries` +
    buildDeliveriesSearch(filter);
  return apiRequest<DeliveryList>(path);
}

/** Key prefix of every deliveries query of an app, for invalidation. */
export function getDeliveriesQueryKey(appId: string) {
  return ['deliveries', appId] as const;
}

export function getDeliveriesQueryOptions(
  appId: string,
  filter: DeliveriesFilter,
) {
  return queryOptions({
    queryKey: [...getDeliveriesQueryKey(appId), 'list', filter],
    queryFn: () => getDeliveries(appId, filter),
  });
}

interface UseDeliveriesOptions {
  appId: string;
  filter: DeliveriesFilter;
  /** Refresh interval in milliseconds, skipped while the tab is hidden. */
  refreshMs: number;
}

/**
 * Reads the recent deliveries. While a new filter loads, the rows of the
 * previous filter stay, so the table does not flash empty.
 */
export function useDeliveries({
  appId,
  filter,
  refreshMs,
}: UseDeliveriesOptions) {
  return useQuery({
    ...getDeliveriesQueryOptions(appId, filter),
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
}
