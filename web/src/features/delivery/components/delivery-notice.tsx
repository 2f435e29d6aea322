import type { DeliveryStatus } from '@sqs-bridge/contracts';

import { Alert, StatusMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { getErrorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format-time';

import { RelativeTime } from './relative-time';
import { useResumeAttempt } from './use-resume-attempt';

const NO_REASON = 'The server gave no reason.';

interface DeliveryNoticeProps {
  appId: string;
  status: DeliveryStatus;
  now: Date;
}

/**
 * Explains a paused or retrying delivery. A paused one gets a Resume
 * button that sends the waiting events again at once.
 */
export function DeliveryNotice({ appId, status, now }: DeliveryNoticeProps) {
  const resume = useResumeAttempt(appId, status);

  if (status.state === 'paused') {
    return (
      <div className="stack-sm">
        <Alert>
          <strong>Delivery is paused.</strong> {status.reason ?? NO_REASON}
        </Alert>
        <p>
          Events wait, and none are lost. Fix the settings above and save
          them, or press Resume once the queue accepts messages again.
        </p>
        <Since label="Paused since" at={status.since} now={now} />
        <div className="button-row">
          <Button busy={resume.isPending} onClick={resume.start}>
            Resume
          </Button>
          {resume.failedAt && (
            <StatusMessage>
              Resumed at {formatDateTime(resume.failedAt)}, but the queue
              still rejects the settings.
            </StatusMessage>
          )}
        </div>
        {resume.error && <Alert>{getErrorMessage(resume.error)}</Alert>}
      </div>
    );
  }
  if (status.state === 'retrying') {
    return (
      <div className="stack-sm">
        <StatusMessage className="status-message--warning">
          <strong>Retrying.</strong> {status.reason ?? NO_REASON}
        </StatusMessage>
        <Since label="Retrying since" at={status.since} now={now} />
      </div>
    );
  }
  return null;
}

interface SinceProps {
  label: string;
  at: string | null;
  now: Date;
}

function Since({ label, at, now }: SinceProps) {
  if (!at) return null;
  return (
    <p className="muted">
      {label} <RelativeTime at={at} now={now} />
    </p>
  );
}
