import { getErrorMessage } from '@/lib/api-error';

interface RefreshErrorProps {
  /** Name of the data that failed to refresh, such as "the delivery status". */
  subject: string;
  error: unknown;
}

/**
 * Notes that a background refresh failed while older data stays on screen.
 * The next scheduled refresh tries again, so it offers no button.
 */
export function RefreshError({ subject, error }: RefreshErrorProps) {
  return (
    <p role="status" className="refresh-error">
      Could not refresh {subject}: {getErrorMessage(error)} Showing the last
      data received.
    </p>
  );
}
