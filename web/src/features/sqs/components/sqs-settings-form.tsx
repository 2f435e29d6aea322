import type { AppDetails } from '@sqs-bridge/contracts';
import { useWatch } from 'react-hook-form';

import { Button } from '@/components/ui/button';

import { QueueAdvice } from './queue-advice';
import { QueuePolicy } from './queue-policy';
import { SqsFeedback } from './sqs-feedback';
import { SqsFields } from './sqs-fields';
import { TestEventPreview } from './test-event-preview';
import { useSqsSettingsForm } from './use-sqs-settings-form';

interface SqsSettingsFormProps {
  app: AppDetails;
  allowedOrigins: readonly string[];
  /** Id of the heading that names the form. */
  labelledBy: string;
  onSaved?: ((app: AppDetails) => void) | undefined;
}

export function SqsSettingsForm({
  app,
  allowedOrigins,
  labelledBy,
  onSaved,
}: SqsSettingsFormProps) {
  const { form, feedback, report, onSave, onTest, isSaving, isTesting } =
    useSqsSettingsForm({ app, allowedOrigins, onSaved });
  const sqsUrl = useWatch({ control: form.control, name: 'sqsUrl' });
  const busy = isSaving || isTesting;

  return (
    <>
      <form
        className="stack"
        aria-labelledby={labelledBy}
        autoComplete="off"
        noValidate
        onSubmit={(event) => void onSave(event)}
      >
        <SqsFields form={form} secretStored={app.sqs.sqsSecretStored} />
        <div className="button-row">
          <Button
            busy={isTesting}
            disabled={busy}
            onClick={(event) => void onTest(event)}
          >
            Test SQS
          </Button>
          <Button
            type="submit"
            variant="primary"
            busy={isSaving}
            disabled={busy}
          >
            Save
          </Button>
        </div>
        <SqsFeedback feedback={feedback} isTesting={isTesting} />
      </form>
      <QueuePolicy sqsUrl={sqsUrl} allowedOrigins={allowedOrigins} />
      {report && <QueueAdvice report={report} />}
      {report && <TestEventPreview event={report.testEvent} />}
    </>
  );
}
