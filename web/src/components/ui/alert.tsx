import type { ReactNode } from 'react';

interface MessageProps {
  children: ReactNode;
  className?: string;
}

/** An error or warning that screen readers announce at once. */
export function Alert({ children, className }: MessageProps) {
  return (
    <div role="alert" className={['alert', className].filter(Boolean).join(' ')}>
      {children}
    </div>
  );
}

/** A success or progress message announced politely. */
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
