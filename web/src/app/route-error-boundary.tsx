import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

import { Button } from '@/components/ui/button';
import { getErrorMessage } from '@/lib/api-error';

interface RouteErrorBoundaryProps {
  /** Wraps the message in `<main>`, for routes outside the app layout. */
  standalone?: boolean;
}

/** Renders in place of a route whose rendering threw an error. */
export function RouteErrorBoundary({ standalone }: RouteErrorBoundaryProps) {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : getErrorMessage(error);

  const content = (
    <div className="page page--narrow">
      <div role="alert" className="card stack">
        <h1>This page failed to load</h1>
        <p>{message}</p>
        <div className="button-row">
          <Button variant="primary" onClick={() => window.location.reload()}>
            Reload the page
          </Button>
          <Link to="/">Go to the dashboard home</Link>
        </div>
      </div>
    </div>
  );
  return standalone ? <main>{content}</main> : content;
}
