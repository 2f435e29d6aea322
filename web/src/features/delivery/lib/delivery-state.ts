import type { DeliveryState } from '@sqs-bridge/contracts';

/** How often the status refreshes while events are being sent, in ms. */
export const SENDING_REFRESH_MS = 1500;

/** How often the status and the list refresh otherwise, in ms. */
export const DELIVERY_REFRESH_MS = 4000;

const STATE_LABELS: Record<DeliveryState, string> = {
  off: 'Off',
  idle: 'Idle',
  sending: 'Sending',
  retrying: 'Retrying',
  paused: 'Paused',
};

const STATE_SUMMARIES: Record<DeliveryState, string> = {
  off: 'No queue URL is set, so events are not collected.',
  idle: 'Every event has been sent. New events are sent as they happen.',
  sending: 'Events are waiting and being sent to the queue now.',
  retrying:
    'The queue failed for a passing reason. Waiting events are sent ' +
    'again after a short delay.',
  paused:
    'The queue rejected the settings. Events wait, and none are lost, ' +
    'until the settings are fixed.',
};

/** Returns the one-word label of a delivery state, such as "Paused". */
export function getDeliveryStateLabel(state: DeliveryState): string {
  return STATE_LABELS[state];
}

/** Returns one sentence on what a delivery state means for events. */
export function getDeliveryStateSummary(state: DeliveryState): string {
  return STATE_SUMMARIES[state];
}

/**
 * Returns how often to refresh delivery data in a state: faster while
 * sending, so the counts visibly move, and at the normal pace otherwise.
 */
export function getDeliveryRefreshMs(
  state: DeliveryState | undefined,
): number {
  return state === 'sending' ? SENDING_REFRESH_MS : DELIVERY_REFRESH_MS;
}
