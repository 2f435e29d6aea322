import { LoadingState } from '@/components/ui/loading-state';
import { QueryError } from '@/components/ui/query-error';

import { useDeliveryDetails } from '../api/get-delivery-details';

interface DeliveryEventDetailsProps {
  appId: string;
  eventId: string;
}

/** Fetches one event and shows its JSON as a consumer decodes it. */
export function DeliveryEventDetails({
  appId,
  eventId,
}: DeliveryEventDetailsProps) {
  const details = useDeliveryDetails(appId, eventId);

  if (details.data) {
    return (
      <div className="stack-sm">
        <p className="muted">
          Event id <code>{eventId}</code>. The SQS message body is this JSON
          encoded as base64.
        </p>
        <pre className="code-block">
          {JSON.stringify(details.data.event, null, 2)}
        </pre>
      </div>
    );
  }
  if (details.error) {
    return (
      <QueryError
        title="Could not load the event."
        error={details.error}
        onRetry={() => void details.refetch()}
      />
    );
  }
  return <LoadingState label="Loading the event…" />;
}
