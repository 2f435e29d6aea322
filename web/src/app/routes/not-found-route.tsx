import { Link } from 'react-router';

interface NotFoundRouteProps {
  /** Heading text, such as "App not found". */
  title?: string;
  message?: string;
}

export function NotFoundRoute({
  title = 'Page not found',
  message = 'There is no page at this address.',
}: NotFoundRouteProps) {
  return (
    <div className="page-content page-content--narrow stack">
      <title>{`${title} · Chat dashboard`}</title>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Go to the dashboard home</Link>
      </p>
    </div>
  );
}
