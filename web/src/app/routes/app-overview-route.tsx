import type { AppDetails } from '@sqs-bridge/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';

import { LoadingState } from '@/components/ui/loading-state';
import { QueryError } from '@/components/ui/query-error';
import { SecretValue } from '@/components/ui/secret-value';
import { getAppQueryOptions, useApp } from '@/features/apps/api/get-app';
import {
  RotateApiSecret,
} from '@/features/apps/components/rotate-api-secret';
import { useSession } from '@/features/auth/api/get-session';
import {
  getDeliveriesQueryKey,
} from '@/features/delivery/api/get-deliveries';
import {
  getDeliveryStatusQueryOptions,
} from '@/features/delivery/api/get-delivery-status';
import { DeliveryPanel } from '@/features/delivery/components/delivery-panel';
import {
  RecentDeliveries,
} from '@/features/delivery/components/recent-deliveries';
import { SqsSection } from '@/features/sqs/components/sqs-section';
import { isApiError } from '@/lib/api-error';

import { NotFoundRoute } from './not-found-route';

/**
 * Renders the Chat overview of one app: its key, the SQS form, the
 * delivery state and the recent deliveries.
 */
export function AppOverviewRoute() {
  const { appId = '' } = useParams();
  const app = useApp(appId);

  if (app.data) return <AppOverview app={app.data} />;
  if (isApiError(app.error) && app.error.status === 404) {
    return (
      <NotFoundRoute
        title="App not found"
        message="This app does not exist or belongs to another organisation."
      />
    );
  }
  if (app.error) {
    return (
      <QueryError
        title="Could not load the app."
        error={app.error}
        onRetry={() => void app.refetch()}
      />
    );
  }
  return <LoadingState label="Loading the app…" />;
}

function AppOverview({ app }: { app: AppDetails }) {
  const queryClient = useQueryClient();
  const session = useSession();
  const allowedOrigins = session.data?.allowedSqsOrigins ?? NO_ORIGINS;

  const onSaved = (saved: AppDetails) => {
    queryClient.setQueryData(getAppQueryOptions(saved.id).queryKey, saved);
    void queryClient.invalidateQueries({
      queryKey: getDeliveryStatusQueryOptions(saved.id).queryKey,
    });
    void queryClient.invalidateQueries({
      queryKey: getDeliveriesQueryKey(saved.id),
    });
  };

  return (
    <div className="page-content stack-lg">
      <title>{`${app.name} · Chat overview`}</title>
      <header className="stack-sm">
        <p className="eyebrow">Chat overview</p>
        <h1>{app.name}</h1>
        <dl>
          <SecretValue
            label="API key"
            value={app.apiKey}
            copyLabel="Copy API key"
          />
        </dl>
        <RotateApiSecret key={app.id} appId={app.id} />
      </header>
      <SqsSection
        app={app}
        allowedOrigins={allowedOrigins}
        onSaved={onSaved}
      />
      <DeliveryPanel appId={app.id} />
      <RecentDeliveries appId={app.id} />
    </div>
  );
}

const NO_ORIGINS: readonly string[] = [];
