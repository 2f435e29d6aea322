import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';
import { setCsrfToken } from '@/lib/csrf-token';

import { getSessionQueryOptions } from './get-session';

/** Ends the session on the server. */
export async function signOut(): Promise<void> {
  await apiRequest<void>('/session', { method: 'DELETE' });
  setCsrfToken(null);
}

/** Signs out and drops every cached response of the signed-in user. */
export function useSignOut() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      queryClient.removeQueries();
      queryClient.setQueryData(getSessionQueryOptions().queryKey, null);
    },
  });
}
