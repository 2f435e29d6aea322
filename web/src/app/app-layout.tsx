import { Navigate, Outlet, useLocation } from 'react-router';

import { LoadingState } from '@/components/ui/loading-state';
import { QueryError } from '@/components/ui/query-error';
import { useSession } from '@/features/auth/api/get-session';
import { buildSignInPath } from '@/features/auth/lib/redirect-target';

import { NavBar } from './nav-bar';

/**
 * Renders the frame of every signed-in page. Visitors without a session
 * go to the sign-in page, which brings them back here afterwards.
 */
export function AppLayout() {
  const session = useSession();
  const location = useLocation();

  if (session.data === null) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={buildSignInPath(from)} replace />;
  }

  if (!session.data) {
    return (
      <main className="page page--narrow">
        {session.error ? (
          <QueryError
            title="Could not check your session."
            error={session.error}
            onRetry={() => void session.refetch()}
          />
        ) : (
          <LoadingState label="Loading the dashboard…" />
        )}
      </main>
    );
  }

  return (
    <>
      <NavBar session={session.data} />
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}
