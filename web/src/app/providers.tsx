import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

import { getSessionQueryOptions } from '@/features/auth/api/get-session';
import { setCsrfToken } from '@/lib/csrf-token';
import { createQueryClient } from '@/lib/query-client';

/**
 * Creates the query client. A 401 on any request means the session ended,
 * so it clears the cached session and the layout shows the sign-in page.
 */
function createDashboardQueryClient() {
  return createQueryClient((client) => {
    setCsrfToken(null);
    client.setQueryData(getSessionQueryOptions().queryKey, null);
  });
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createDashboardQueryClient);

  return (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
}
