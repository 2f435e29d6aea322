import type { DeliveryRecord } from '@sqs-bridge/contracts';

import { DeliveryRow } from './delivery-row';

interface DeliveriesTableProps {
  appId: string;
  deliveries: readonly DeliveryRecord[];
  now: Date;
  openEventIds: ReadonlySet<string>;
  onToggle: (eventId: string) => void;
  /** Marks the rows as stale while a new filter loads. */
  isUpdating: boolean;
}

export function DeliveriesTable({
  appId,
  deliveries,
  now,
  openEventIds,
  onToggle,
  isUpdating,
}: DeliveriesTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-busy={isUpdating || undefined}>
        <caption className="visually-hidden">
          Recent deliveries, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Channel</th>
            <th scope="col">Time</th>
            <th scope="col" className="numeric">
              Size
            </th>
            <th scope="col">SQS message id</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <DeliveryRow
              key={delivery.eventId}
              appId={appId}
              delivery={delivery}
              now={now}
              isOpen={openEventIds.has(delivery.eventId)}
              onToggle={onToggle}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
