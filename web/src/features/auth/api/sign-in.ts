import type { Session, SignInInput } from '@sqs-bridge/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';
import { setCsrfToken } from '@/lib/csrf-token';

import { getSessionQueryOptions } from './get-session';

/** Signs in with email and password and returns the new session. */
export async function signIn(input: SignInInput): Promise<Session> {
  const session = await apiRequest<Session>('/session', {
    method: 'POST',
    body: input,
    csrf: false,
  });
  setCsrfToken(session.csrfToken);
  return session;
}

export function useSignIn() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      queryClient.setQueryData(getSessionQueryOptions().queryKey, session);
    },
  });
}
