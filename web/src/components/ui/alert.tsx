import type { ReactNode } from 'react';

interface MessageProps {
  children: ReactNode;
  className?: string;
}

/** Shows an error or warning that screen readers announce at once. */
export function Alert({ children, className }: MessageProps) {
  return (
    <div
      role="alert"
      className={['alert', className].filter(Boolean).join(' ')}
    >
      {children}
    </div>
  );
}

/** Shows a success or progress message, announced politely. */
export function StatusMessage({ children, className }: MessageProps) {
  return (
    <div
      role="status"
      className={['status-message', className].filter(Boolean).join(' ')}
    >
      {children}
    </div>
  );
}
