import { zodResolver } from '@hookform/resolvers/zod';
import type {
  AppDetails,
  QueueReport,
  SqsSettings,
  SqsSettingsInput,
} from '@sqs-bridge/contracts';
import { useMemo, useState } from 'react';
import { useForm, type FieldErrors } from 'react-hook-form';

import { getErrorMessage } from '@/lib/api-error';
import { applyFieldErrors } from '@/lib/form-errors';

import { useTestSqs } from '../api/test-sqs';
import { useUpdateSqsSettings } from '../api/update-sqs-settings';
import { getQueueReport } from '../lib/queue-report';
import {
  createSqsFormSchema,
  type SqsFormValues,
} from '../lib/sqs-form-schema';

const FIELD_NAMES = ['sqsUrl', 'sqsKey', 'sqsSecret'] as const;

const NO_REASON_MESSAGE = 'Test SQS failed. The server returned no reason.';

/** The outcome of the last Save or Test SQS, shown under the buttons. */
export type SqsFeedback =
  | { kind: 'saved'; sqsEnabled: boolean }
  | { kind: 'tested'; messageId: string }
  | { kind: 'failed'; message: string };

interface UseSqsSettingsFormOptions {
  app: AppDetails;
  allowedOrigins: readonly string[];
  onSaved?: ((app: AppDetails) => void) | undefined;
}

/**
 * Converts stored settings to form values. The server never returns the
 * secret, so the secret field starts empty.
 */
function toFormValues(settings: SqsSettings): SqsFormValues {
  return {
    sqsUrl: settings.sqsUrl,
    sqsKey: settings.sqsKey,
    sqsSecret: '',
    removeSecret: false,
  };
}

/** Names the first invalid field, so the outcome is announced as well. */
function describeInvalidForm(errors: FieldErrors<SqsFormValues>): string {
  const first = FIELD_NAMES.map((name) => errors[name]?.message).find(
    (message) => message !== undefined,
  );
  return first === undefined
    ? 'Fix the highlighted fields and try again.'
    : `Fix the highlighted fields and try again. ${first}`;
}

/**
 * Manages the Amazon SQS form. The form takes the stored settings when it
 * mounts and resets only after a successful Save, so a background refetch
 * never overwrites what the user is typing. Mount it with `key={app.id}`
 * to start over when the app changes.
 */
export function useSqsSettingsForm({
  app,
  allowedOrigins,
  onSaved,
}: UseSqsSettingsFormOptions) {
  const schema = useMemo(
    () => createSqsFormSchema(allowedOrigins),
    [allowedOrigins],
  );
  const form = useForm<SqsFormValues, unknown, SqsSettingsInput>({
    resolver: zodResolver(schema),
    defaultValues: toFormValues(app.sqs),
  });
  const [feedback, setFeedback] = useState<SqsFeedback | null>(null);
  const [report, setReport] = useState<QueueReport | null>(null);
  const save = useUpdateSqsSettings({ appId: app.id, onSaved });
  const test = useTestSqs(app.id);

  const fail = (error: unknown) => {
    applyFieldErrors(error, FIELD_NAMES, form.setError);
    setFeedback({ kind: 'failed', message: getErrorMessage(error) });
  };

  const onInvalid = (errors: FieldErrors<SqsFormValues>) => {
    setFeedback({ kind: 'failed', message: describeInvalidForm(errors) });
  };

  const onSave = form.handleSubmit(async (input) => {
    setFeedback(null);
    try {
      const saved = await save.mutateAsync(input);
      form.reset(toFormValues(saved.sqs));
      setFeedback({ kind: 'saved', sqsEnabled: saved.sqs.sqsUrl !== '' });
    } catch (error) {
      fail(error);
    }
  }, onInvalid);

  const onTest = form.handleSubmit(async (input) => {
    setFeedback(null);
    try {
      const result = await test.mutateAsync(input);
      const passed = getQueueReport(result);
      if (passed) {
        setReport(passed);
        setFeedback({ kind: 'tested', messageId: passed.testMessageId });
      } else {
        const message = result.error ?? NO_REASON_MESSAGE;
        setFeedback({ kind: 'failed', message });
      }
    } catch (error) {
      fail(error);
    }
  }, onInvalid);

  return {
    form,
    feedback,
    report,
    onSave,
    onTest,
    isSaving: save.isPending,
    isTesting: test.isPending,
  };
}
