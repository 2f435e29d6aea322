import type { DeliveryState } from '@sqs-bridge/contracts';

import { getDeliveryStateLabel } from '../lib/delivery-state';

/** Shows a delivery state as a word with a matching mark and colour. */
export function DeliveryStateBadge({ state }: { state: DeliveryState }) {
  return (
    <span className={`state-badge state-badge--${state}`}>
      <span className="state-badge__mark" aria-hidden="true" />
      {getDeliveryStateLabel(state)}
    </span>
  );
}
