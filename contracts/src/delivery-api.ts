/**
 * Delivery state and recent deliveries of an app, as the dashboard API
 * returns them under `/dashboard/api/apps/:appId/`.
 */

/**
 * The state of an app's delivery:
 * - `off`: no queue URL is set; events are not collected.
 * - `idle`: nothing waits.
 * - `sending`: events wait and the worker is sending them.
 * - `retrying`: the queue failed for a passing reason (throttling, 5xx,
 *   timeouts); events wait for the next attempt.
 * - `paused`: the settings are wrong (queue missing, access denied, key
 *   not valid, KMS); events keep waiting until the settings change, Test
 *   SQS passes, Resume is pressed, or a periodic check passes.
 */
export type DeliveryState = 'off' | 'idle' | 'sending' | 'retrying' | 'paused';

/** An event that will never be sent, with the reason. */
export interface DroppedEvent {
  eventId: string;
  eventType: string;
  cid: string | null;
  createdAt: string;
  droppedAt: string;
  /** Readable reason, such as the size and the queue's limit. */
  reason: string;
  sizeBytes: number | null;
  limitBytes: number | null;
}

/** `GET /dashboard/api/apps/:appId/delivery`. */
export interface DeliveryStatus {
  sqsEnabled: boolean;
  state: DeliveryState;
  /** The reason delivery is paused or retrying; null otherwise. */
  reason: string | null;
  /** When the current pause or retry streak began. */
  since: string | null;
  /**
   * `sent`, `waiting` and `dropped` are counted up to this many; a count
   * equal to it means at least that many.
   */
  countLimit: number;
  sent: number;
  waiting: number;
  /** Events that will not be sent, such as those over the size limit. */
  dropped: number;
  lastSentAt: string | null;
  lastError: string | null;
  /** The last few drops, newest first. */
  recentDrops: DroppedEvent[];
}

export type DeliveryRecordStatus = 'pending' | 'sent' | 'dropped';

/** One event in the list of recent deliveries. */
export interface DeliveryRecord {
  eventId: string;
  eventType: string;
  cid: string | null;
  createdAt: string;
  status: DeliveryRecordStatus;
  sentAt: string | null;
  /** Size counted against the queue's limit: body plus attributes. */
  sizeBytes: number | null;
  sqsMessageId: string | null;
  /** The reason it was dropped, or the last attempt's error. */
  reason: string | null;
}

/**
 * `GET /dashboard/api/apps/:appId/deliveries?type=&status=&limit=`:
 * newest first; `limit` defaults to 50, at most 200.
 */
export interface DeliveryList {
  deliveries: DeliveryRecord[];
  /** Event types this app has produced, for the filter. */
  eventTypes: string[];
}

/** `GET /dashboard/api/apps/:appId/deliveries/:eventId`. */
export interface DeliveryDetails {
  delivery: DeliveryRecord;
  /** The event as a consumer reads it after decoding the SQS body. */
  event: Record<string, unknown>;
}

/**
 * `POST /dashboard/api/apps/:appId/delivery/resume` resumes a paused
 * delivery and returns the new `DeliveryStatus`.
 */
export type ResumeDeliveryResponse = DeliveryStatus;
