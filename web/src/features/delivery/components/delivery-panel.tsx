import { useId } from 'react';

import { LoadingState } from '@/components/ui/loading-state';
import { QueryError } from '@/components/ui/query-error';

import { useDeliveryStatus } from '../api/get-delivery-status';

import { DeliveryFacts } from './delivery-facts';

interface DeliveryPanelProps {
  appId: string;
}

/** Shows whether events reach the app's queue, refreshed every 5 s. */
export function DeliveryPanel({ appId }: DeliveryPanelProps) {
  const headingId = useId();
  const delivery = useDeliveryStatus(appId);

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Delivery</h2>
      {delivery.data ? (
        <DeliveryFacts status={delivery.data} />
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
