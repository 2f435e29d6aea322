import { getErrorMessage } from '@/lib/api-error';

import { Button } from './button';

interface QueryErrorProps {
  /** What failed to load, such as "Could not load the apps." */
  title: string;
  error: unknown;
  onRetry: () => void;
}

/** A failed request's message with a button that asks again. */
export function QueryError({ title, error, onRetry }: QueryErrorProps) {
  return (
    <div role="alert" className="alert query-error">
      <p className="query-error__title">{title}</p>
      <p>{getErrorMessage(error)}</p>
      <Button onClick={onRetry}>Try again</Button>
    </div>
  );
}
