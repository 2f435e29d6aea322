import { Navigate } from 'react-router';

import { LoadingState } from '@/components/ui/loading-state';
import { QueryError } from '@/components/ui/query-error';
import { useApps } from '@/features/apps/api/get-apps';
import {
  CREATE_APP_PATH,
  getOverviewPath,
} from '@/features/apps/lib/app-paths';

/** Opens the first app, or the create page when there is none yet. */
export function HomeRoute() {
  const apps = useApps();

  if (apps.data) {
    const first = apps.data[0];
    const target = first ? getOverviewPath(first.id) : CREATE_APP_PATH;
    return <Navigate to={target} replace />;
  }
  if (apps.error) {
    return (
      <QueryError
        title="Could not load your apps."
        error={apps.error}
        onRetry={() => void apps.refetch()}
      />
    );
  }
  return <LoadingState label="Loading your apps…" />;
}
