import type { DeliveryStatus } from '@sqs-bridge/contracts';

import { formatDeliveryCount } from '../lib/delivery-counts';
import { getDeliveryStateSummary } from '../lib/delivery-state';

import { DeliveryStateBadge } from './delivery-state-badge';
import { RelativeTime } from './relative-time';

const DROPPED_NOTE = '(will not be sent, such as events over the size limit)';

interface DeliveryFactsProps {
  status: DeliveryStatus;
  now: Date;
}

/** Lists the delivery state, the counts and when an event was last sent. */
export function DeliveryFacts({ status, now }: DeliveryFactsProps) {
  const numbers = new Intl.NumberFormat();
  const count = (value: number) =>
    formatDeliveryCount(value, status.countLimit, numbers);
  // Paused and retrying show the same error as their reason.
  const showLastError =
    status.lastError !== null &&
    status.state !== 'paused' &&
    status.state !== 'retrying';

  return (
    <dl className="facts">
      <dt>State</dt>
      <dd>
        <span className="delivery-state">
          <DeliveryStateBadge state={status.state} />
          <span className="muted">
            {getDeliveryStateSummary(status.state)}
          </span>
        </span>
      </dd>
      <dt>Events sent</dt>
      <dd>{count(status.sent)}</dd>
      <dt>Waiting</dt>
      <dd>{count(status.waiting)}</dd>
      <dt>Dropped</dt>
      <dd>
        {count(status.dropped)}
        {status.dropped > 0 && <span className="muted"> {DROPPED_NOTE}</span>}
      </dd>
      <dt>Last sent</dt>
      <dd>
        <RelativeTime at={status.lastSentAt} now={now} />
      </dd>
      {showLastError && (
        <>
          <dt>Last error</dt>
          <dd>{status.lastError}</dd>
        </>
      )}
    </dl>
  );
}
