import { formatDateTime, formatRelativeTime } from '@/lib/format-time';

interface RelativeTimeProps {
  at: string | null;
  now: Date;
}

/** Shows a time as "3 minutes ago" followed by the date and time. */
export function RelativeTime({ at, now }: RelativeTimeProps) {
  if (!at) return <>Never</>;
  const date = new Date(at);
  return (
    <>
      {formatRelativeTime(date, now)}{' '}
      <time dateTime={at} className="muted">
        ({formatDateTime(date)})
      </time>
    </>
  );
}
