import type { ResumeDeliveryResponse } from '@sqs-bridge/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

import { getDeliveriesQueryKey } from './get-deliveries';
import { getDeliveryStatusQueryOptions } from './get-delivery-status';

/**
 * Asks the server to try a paused delivery again and returns the new
 * status, which stays paused when the queue still rejects the settings.
 */
export function resumeDelivery(
  appId: string,
): Promise<ResumeDeliveryResponse> {
  const path = `/apps/${encodeURIComponent(appId)}/delivery/resume`;
  return apiRequest<ResumeDeliveryResponse>(path, { method: 'POST' });
}

/** Resumes delivery, then shows the returned status and new rows. */
export function useResumeDelivery(appId: string) {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: () => resumeDelivery(appId),
    onSuccess: (status) => {
      const { queryKey } = getDeliveryStatusQueryOptions(appId);
      queryClient.setQueryData(queryKey, status);
      void queryClient.invalidateQueries({
        queryKey: getDeliveriesQueryKey(appId),
      });
    },
  });
}
