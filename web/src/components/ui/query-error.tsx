import { getErrorMessage } from '@/lib/api-error';

import { Button } from './button';

interface QueryErrorProps {
  /** Heading text, such as "Could not load the apps." */
  title: string;
  error: unknown;
  onRetry: () => void;
}

/** Shows a failed request's message with a button that retries it. */
export function QueryError({ title, error, onRetry }: QueryErrorProps) {
  return (
    <div role="alert" className="alert query-error">
      <p className="query-error__title">{title}</p>
      <p>{getErrorMessage(error)}</p>
      <Button onClick={onRetry}>Try again</Button>
    </div>
  );
}
