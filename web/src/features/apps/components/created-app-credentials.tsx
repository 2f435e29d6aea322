import type { CreatedApp } from '@sqs-bridge/contracts';
import { Link } from 'react-router';

import { SecretValue } from '@/components/ui/secret-value';

import { getOverviewPath } from '../lib/app-paths';

interface CreatedAppCredentialsProps {
  app: CreatedApp;
}

/** The new app's key and its secret, which the server returns only once. */
export function CreatedAppCredentials({ app }: CreatedAppCredentialsProps) {
  return (
    <section className="card stack" aria-labelledby="created-app-heading">
      <h2 id="created-app-heading">{app.name} is ready</h2>
      <p className="notice">
        Copy the API secret now and keep it somewhere safe. It will not be
        shown again.
      </p>
      <dl className="stack">
        <SecretValue
          label="API key"
          value={app.apiKey}
          copyLabel="Copy API key"
        />
        <SecretValue
          label="API secret"
          value={app.apiSecret}
          copyLabel="Copy API secret"
        />
      </dl>
      <p>
        <Link className="button button--primary" to={getOverviewPath(app.id)}>
          Go to the app overview
        </Link>
      </p>
    </section>
  );
}
