import { useId, useState } from 'react';

import { LoadingState } from '@/components/ui/loading-state';
import { QueryError } from '@/components/ui/query-error';
import { RefreshError } from '@/components/ui/refresh-error';
import { useNow } from '@/lib/use-now';

import { useDeliveries } from '../api/get-deliveries';
import { useDeliveryStatus } from '../api/get-delivery-status';
import {
  DELIVERIES_LIMIT,
  NO_FILTER,
  type DeliveriesFilter,
} from '../lib/deliveries-filter';
import { getDeliveryRefreshMs } from '../lib/delivery-state';

import { DeliveriesFilters } from './deliveries-filters';
import { DeliveriesTable } from './deliveries-table';

/** How often the short times in the table re-read the clock, in ms. */
const CLOCK_TICK_MS = 60_000;

const NO_EVENTS =
  'No events yet. Send a message with the SDK and it appears here.';
const NO_MATCHES = 'No events match these filters.';

interface RecentDeliveriesProps {
  appId: string;
}

/**
 * Lists the app's last events and what became of each. It refreshes at
 * the pace of the delivery status, and keeps the filters and the open
 * rows across refreshes because rows are keyed by event id.
 */
export function RecentDeliveries({ appId }: RecentDeliveriesProps) {
  const headingId = useId();
  const [filter, setFilter] = useState<DeliveriesFilter>(NO_FILTER);
  const [openEventIds, setOpenEventIds] = useState<ReadonlySet<string>>(
    () => new Set(),
  );
  const status = useDeliveryStatus(appId);
  const list = useDeliveries({
    appId,
    filter,
    refreshMs: getDeliveryRefreshMs(status.data?.state),
  });
  const now = useNow(CLOCK_TICK_MS);

  const toggle = (eventId: string) => {
    setOpenEventIds((open) => {
      const next = new Set(open);
      if (!next.delete(eventId)) next.add(eventId);
      return next;
    });
  };

  const isFiltered = filter.eventType !== null || filter.status !== null;
  const deliveries = list.data?.deliveries ?? [];

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Recent deliveries</h2>
      <p className="lead">
        The last {DELIVERIES_LIMIT} events of this app, newest first. Open an
        event to see its JSON as your consumer reads it.
      </p>
      <DeliveriesFilters
        filter={filter}
        eventTypes={list.data?.eventTypes ?? []}
        onChange={setFilter}
      />
      {list.data ? (
        deliveries.length > 0 ? (
          <DeliveriesTable
            appId={appId}
            deliveries={deliveries}
            now={now}
            openEventIds={openEventIds}
            onToggle={toggle}
            isUpdating={list.isPlaceholderData}
          />
        ) : (
          <p className="empty-state">{isFiltered ? NO_MATCHES : NO_EVENTS}</p>
        )
      ) : list.error ? (
        <QueryError
          title="Could not load the recent deliveries."
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      ) : (
        <LoadingState label="Loading the recent deliveries…" />
      )}
      {list.data && list.error && (
        <RefreshError subject="the recent deliveries" error={list.error} />
      )}
    </section>
  );
}
