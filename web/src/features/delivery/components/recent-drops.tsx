import type { DroppedEvent } from '@sqs-bridge/contracts';
import { useId } from 'react';

import { formatBytes } from '@/lib/format-size';

import { RelativeTime } from './relative-time';

interface RecentDropsProps {
  drops: readonly DroppedEvent[];
  now: Date;
}

/** Lists the last events that will never be sent, with the reasons. */
export function RecentDrops({ drops, now }: RecentDropsProps) {
  const headingId = useId();
  if (drops.length === 0) return null;

  return (
    <section className="stack-sm" aria-labelledby={headingId}>
      <h3 id={headingId}>Recent drops</h3>
      <ul className="drop-list">
        {drops.map((drop) => (
          <li key={drop.eventId} className="drop-list__item">
            <p>
              <code>{drop.eventType}</code>
              {drop.cid && <> in <code>{drop.cid}</code></>}
              {' · '}
              <DropSize drop={drop} />
              {' · dropped '}
              <RelativeTime at={drop.droppedAt} now={now} />
            </p>
            <p className="muted">{drop.reason}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function DropSize({ drop }: { drop: DroppedEvent }) {
  if (drop.sizeBytes === null) return <>size unknown</>;
  const size = formatBytes(drop.sizeBytes);
  if (drop.limitBytes === null) return <>{size}</>;
  return (
    <>
      {size} (limit {formatBytes(drop.limitBytes)})
    </>
  );
}
