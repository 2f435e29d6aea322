import type { DeliveryRecord } from '@sqs-bridge/contracts';

import { formatBytes } from '@/lib/format-size';
import { formatDateTime, formatShortDateTime } from '@/lib/format-time';

import {
  getRecordStatusLabel,
  shortenEventId,
} from '../lib/deliveries-filter';

import { DeliveryEventDetails } from './delivery-event-details';

/** Columns of the table, for the details row that spans them all. */
export const DELIVERY_COLUMN_COUNT = 6;

interface DeliveryRowProps {
  appId: string;
  delivery: DeliveryRecord;
  now: Date;
  isOpen: boolean;
  onToggle: (eventId: string) => void;
}

/**
 * Renders one event of the Recent deliveries table. Its event type is a
 * disclosure button that shows the event JSON in a row below.
 */
export function DeliveryRow({
  appId,
  delivery,
  now,
  isOpen,
  onToggle,
}: DeliveryRowProps) {
  const detailsId = `delivery-details-${delivery.eventId}`;
  const createdAt = new Date(delivery.createdAt);

  return (
    <>
      <tr>
        <th scope="row">
          <button
            type="button"
            className="disclosure"
            aria-expanded={isOpen}
            aria-controls={isOpen ? detailsId : undefined}
            onClick={() => onToggle(delivery.eventId)}
          >
            <span className="disclosure__mark" aria-hidden="true" />
            <span className="visually-hidden">View </span>
            <code>{delivery.eventType}</code>
            <span className="visually-hidden">
              {` event ${shortenEventId(delivery.eventId)}`}
            </span>
          </button>
        </th>
        <td className="channel">
          {delivery.cid ?? <span className="muted">None</span>}
        </td>
        <td>
          <time dateTime={delivery.createdAt} title={formatDateTime(createdAt)}>
            {formatShortDateTime(createdAt, now)}
          </time>
        </td>
        <td className="numeric">
          {delivery.sizeBytes === null ? (
            <span className="muted">Unknown</span>
          ) : (
            formatBytes(delivery.sizeBytes)
          )}
        </td>
        <td>
          {delivery.sqsMessageId ? (
            <code className="message-id">{delivery.sqsMessageId}</code>
          ) : (
            <span className="muted">None yet</span>
          )}
        </td>
        <td>
          <span className={`record-status record-status--${delivery.status}`}>
            {getRecordStatusLabel(delivery.status)}
          </span>
          {delivery.reason && (
            <span className="record-status__reason">{delivery.reason}</span>
          )}
        </td>
      </tr>
      {isOpen && (
        <tr className="details-row">
          <td id={detailsId} colSpan={DELIVERY_COLUMN_COUNT}>
            <DeliveryEventDetails appId={appId} eventId={delivery.eventId} />
          </td>
        </tr>
      )}
    </>
  );
}
