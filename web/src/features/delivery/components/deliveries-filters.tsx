import { useId } from 'react';

import {
  getRecordStatusLabel,
  RECORD_STATUSES,
  toRecordStatus,
  type DeliveriesFilter,
} from '../lib/deliveries-filter';

interface DeliveriesFiltersProps {
  filter: DeliveriesFilter;
  /** Event types the app has produced. */
  eventTypes: readonly string[];
  onChange: (filter: DeliveriesFilter) => void;
}

/** Renders the Event type and Status selects above the table. */
export function DeliveriesFilters({
  filter,
  eventTypes,
  onChange,
}: DeliveriesFiltersProps) {
  const typeId = useId();
  const statusId = useId();
  // The selected type stays an option even if the list no longer has it.
  const typeOptions =
    filter.eventType && !eventTypes.includes(filter.eventType)
      ? [filter.eventType, ...eventTypes]
      : eventTypes;

  return (
    <div className="filter-row">
      <div className="field">
        <label className="field__label" htmlFor={typeId}>
          Event type
        </label>
        <select
          id={typeId}
          className="field__input"
          value={filter.eventType ?? ''}
          onChange={(event) =>
            onChange({ ...filter, eventType: event.target.value || null })
          }
        >
          <option value="">All event types</option>
          {typeOptions.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={statusId}>
          Status
        </label>
        <select
          id={statusId}
          className="field__input"
          value={filter.status ?? ''}
          onChange={(event) =>
            onChange({ ...filter, status: toRecordStatus(event.target.value) })
          }
        >
          <option value="">All</option>
          {RECORD_STATUSES.map((status) => (
            <option key={status} value={status}>
              {getRecordStatusLabel(status)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
