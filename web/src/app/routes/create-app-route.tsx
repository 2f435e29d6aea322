import type { CreatedApp } from '@sqs-bridge/contracts';
import { useState } from 'react';

import { useApps } from '@/features/apps/api/get-apps';
import { CreateAppForm } from '@/features/apps/components/create-app-form';
import {
  CreatedAppCredentials,
} from '@/features/apps/components/created-app-credentials';

export function CreateAppRoute() {
  const apps = useApps();
  const [created, setCreated] = useState<CreatedApp | null>(null);
  const isFirst = apps.data?.length === 0 && !created;
  const title = isFirst ? 'Create your first app' : 'Create an app';

  return (
    <div className="page-content page-content--narrow stack">
      <title>{`${title} · Chat dashboard`}</title>
      <h1>{title}</h1>
      {created ? (
        <CreatedAppCredentials app={created} />
      ) : (
        <div className="card stack">
          <p>
            An app has its own API key and secret, its own chat data and its
            own Amazon SQS settings.
          </p>
          <CreateAppForm onCreated={setCreated} />
        </div>
      )}
    </div>
  );
}
