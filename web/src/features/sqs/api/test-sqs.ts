import type { SqsCheckResult, SqsSettingsInput } from '@sqs-bridge/contracts';
import { useMutation } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

/**
 * Sends a test event with the settings in the form, saved or not. Empty
 * values fall back to the stored ones on the server.
 */
export function testSqs(
  appId: string,
  input: SqsSettingsInput,
): Promise<SqsCheckResult> {
  const path = `/apps/${encodeURIComponent(appId)}/sqs/test`;
  return apiRequest<SqsCheckResult>(path, { method: 'POST', body: input });
}

export function useTestSqs(appId: string) {
  return useMutation({
    mutationFn: (input: SqsSettingsInput) => testSqs(appId, input),
  });
}
