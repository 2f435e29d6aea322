import { useId } from 'react';

import { LoadingState } from '@/components/ui/loading-state';
import { QueryError } from '@/components/ui/query-error';
import { RefreshError } from '@/components/ui/refresh-error';
import { useNow } from '@/lib/use-now';

import { useDeliveryStatus } from '../api/get-delivery-status';

import { DeliveryFacts } from './delivery-facts';
import { DeliveryNotice } from './delivery-notice';
import { RecentDrops } from './recent-drops';

/** How often relative times such as "2 minutes ago" update, in ms. */
const CLOCK_TICK_MS = 15_000;

interface DeliveryPanelProps {
  appId: string;
}

/**
 * Shows whether events reach the app's queue: the state, the counts, why
 * delivery is paused or retrying, and the last drops. It refreshes itself.
 */
export function DeliveryPanel({ appId }: DeliveryPanelProps) {
  const headingId = useId();
  const delivery = useDeliveryStatus(appId);
  const now = useNow(CLOCK_TICK_MS);

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Delivery</h2>
      {delivery.data ? (
        <>
          <DeliveryFacts status={delivery.data} now={now} />
          <DeliveryNotice appId={appId} status={delivery.data} now={now} />
          <RecentDrops drops={delivery.data.recentDrops} now={now} />
          {delivery.error && (
            <RefreshError
              subject="the delivery status"
              error={delivery.error}
            />
          )}
        </>
      ) : delivery.error ? (
        <QueryError
          title="Could not load the delivery status."
          error={delivery.error}
          onRetry={() => void delivery.refetch()}
        />
      ) : (
        <LoadingState label="Loading the delivery status…" />
      )}
    </section>
  );
}
