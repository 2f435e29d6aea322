import type { DeliveryStatus } from '@sqs-bridge/contracts';

import { Alert } from '@/components/ui/alert';
import { formatDateTime, formatRelativeTime } from '@/lib/format-time';
import { useNow } from '@/lib/use-now';

/** How often "last sent" re-reads the clock, in milliseconds. */
const CLOCK_TICK_MS = 15_000;

const DROPPED_NOTE = '(will not be sent, such as events over the size limit)';

interface DeliveryFactsProps {
  status: DeliveryStatus;
}

export function DeliveryFacts({ status }: DeliveryFactsProps) {
  const now = useNow(CLOCK_TICK_MS);
  const numbers = new Intl.NumberFormat();

  return (
    <>
      <dl className="facts">
        <dt>SQS</dt>
        <dd>
          <span
            className={status.sqsEnabled ? 'badge badge--on' : 'badge'}
          >
            {status.sqsEnabled ? 'On' : 'Off'}
          </span>
        </dd>
        <dt>Events sent</dt>
        <dd>{numbers.format(status.sent)}</dd>
        <dt>Waiting</dt>
        <dd>{numbers.format(status.waiting)}</dd>
        <dt>Dropped</dt>
        <dd>
          {numbers.format(status.dropped)}
          {status.dropped > 0 && <span className="muted"> {DROPPED_NOTE}</span>}
        </dd>
        <dt>Last sent</dt>
        <dd>
          <LastSent at={status.lastSentAt} now={now} />
        </dd>
      </dl>
      {status.lastError && (
        <Alert>
          <strong>Last error:</strong> {status.lastError}
        </Alert>
      )}
    </>
  );
}

function LastSent({ at, now }: { at: string | null; now: Date }) {
  if (!at) return <>Never</>;
  const date = new Date(at);
  return (
    <>
      {formatRelativeTime(date, now)}{' '}
      <time dateTime={at} className="muted">
        ({formatDateTime(date)})
      </time>
    </>
  );
}
