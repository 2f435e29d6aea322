import type { DeliveryRecordStatus } from '@sqs-bridge/contracts';

/** Rows the Recent deliveries table requests. The server allows 200. */
export const DELIVERIES_LIMIT = 50;

/** Filters of the Recent deliveries table, where null means all. */
export interface DeliveriesFilter {
  eventType: string | null;
  status: DeliveryRecordStatus | null;
}

export const NO_FILTER: DeliveriesFilter = { eventType: null, status: null };

const STATUS_LABELS: Record<DeliveryRecordStatus, string> = {
  sent: 'Sent',
  pending: 'Waiting',
  dropped: 'Dropped',
};

/** The statuses in the order the Status filter lists them. */
export const RECORD_STATUSES: readonly DeliveryRecordStatus[] = [
  'sent',
  'pending',
  'dropped',
];

/** Returns the label of an event's status, such as "Waiting". */
export function getRecordStatusLabel(status: DeliveryRecordStatus): string {
  return STATUS_LABELS[status];
}

/** Reads a Status select value. Anything but a known status means all. */
export function toRecordStatus(value: string): DeliveryRecordStatus | null {
  return RECORD_STATUSES.find((status) => status === value) ?? null;
}

/**
 * Builds the query string of `GET …/deliveries`, such as
 * `?type=message.new&status=sent&limit=50`, leaving out empty filters.
 */
export function buildDeliveriesSearch(
  filter: DeliveriesFilter,
  limit: number = DELIVERIES_LIMIT,
): string {
  const params = new URLSearchParams();
  if (filter.eventType) params.set('type', filter.eventType);
  if (filter.status) params.set('status', filter.status);
  params.set('limit', String(limit));
  return `?${params.toString()}`;
}

/** Returns the first 8 characters of an event id, to tell rows apart. */
export function shortenEventId(eventId: string): string {
  return eventId.slice(0, 8);
}
