import { Alert, StatusMessage } from '@/components/ui/alert';

import type { SqsFeedback as Feedback } from './use-sqs-settings-form';

interface SqsFeedbackProps {
  feedback: Feedback | null;
  isTesting: boolean;
}

/** Shows the result of the last Save or Test SQS, or the running test. */
export function SqsFeedback({ feedback, isTesting }: SqsFeedbackProps) {
  if (isTesting) {
    return (
      <StatusMessage>Sending a test message to the queue…</StatusMessage>
    );
  }
  if (!feedback) return null;

  switch (feedback.kind) {
    case 'saved':
      return (
        <StatusMessage className="status-message--success">
          {feedback.sqsEnabled
            ? 'Saved. Events are delivered to this queue.'
            : 'Saved. SQS is off, so no events are delivered.'}
        </StatusMessage>
      );
    case 'tested':
      return (
        <StatusMessage className="status-message--success">
          Test message sent. SQS message id:{' '}
          <code>{feedback.messageId}</code>
        </StatusMessage>
      );
    case 'failed':
      return <Alert>{feedback.message}</Alert>;
  }
}
