import type { RotatedApiSecret } from '@sqs-bridge/contracts';
import { useMutation } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

/**
 * Replaces the app's API secret and returns the new one, which no later
 * response contains. The old secret stops working at once.
 */
export function rotateApiSecret(appId: string): Promise<RotatedApiSecret> {
  const path = `/apps/${encodeURIComponent(appId)}/rotate-secret`;
  return apiRequest<RotatedApiSecret>(path, { method: 'POST' });
}

export function useRotateApiSecret(appId: string) {
  return useMutation({ mutationFn: () => rotateApiSecret(appId) });
}
