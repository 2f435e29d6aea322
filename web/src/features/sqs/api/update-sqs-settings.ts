import type { AppDetails, SqsSettingsInput } from '@sqs-bridge/contracts';
import { useMutation } from '@tanstack/react-query';

import { apiRequest } from '@/lib/api-client';

/**
 * Saves an app's SQS settings and returns the app as stored. An empty
 * secret keeps the stored one and an empty URL turns SQS off.
 */
export function updateSqsSettings(
  appId: string,
  input: SqsSettingsInput,
): Promise<AppDetails> {
  return apiRequest<AppDetails>(`/apps/${encodeURIComponent(appId)}/sqs`, {
    method: 'PUT',
    body: input,
  });
}

interface UseUpdateSqsSettingsOptions {
  appId: string;
  /** Called with the saved app, so callers can update their caches. */
  onSaved?: (app: AppDetails) => void;
}

export function useUpdateSqsSettings({
  appId,
  onSaved,
}: UseUpdateSqsSettingsOptions) {
  return useMutation({
    mutationFn: (input: SqsSettingsInput) => updateSqsSettings(appId, input),
    onSuccess: (app) => onSaved?.(app),
  });
}
