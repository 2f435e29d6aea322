import type { CreateAppInput, CreatedApp } from '@sqs-bridge/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

import { getAppsQueryOptions } from './get-apps';

/** Creates an app; the response is the only one that has its secret. */
export function createApp(input: CreateAppInput): Promise<CreatedApp> {
  return apiRequest<CreatedApp>('/apps', { method: 'POST', body: input });
}

export function useCreateApp() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: createApp,
    onSuccess: () => {
      void queryClient.invalidateQueries({
        queryKey: getAppsQueryOptions().queryKey,
        exact: true,
      });
    },
  });
}
