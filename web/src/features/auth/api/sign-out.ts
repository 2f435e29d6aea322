import { useMutation } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';
import { setCsrfToken } from '@/lib/csrf-token';

/** Ends the session on the server. */
export async function signOut(): Promise<void> {
  await apiRequest<void>('/session', { method: 'DELETE' });
  setCsrfToken(null);
}

export function useSignOut() {
  return useMutation({ mutationFn: signOut });
}
