import type { AppDetails } from '@sqs-bridge/contracts';
import { useId } from 'react';

import { SqsSettingsForm } from './sqs-settings-form';

interface SqsSectionProps {
  app: AppDetails;
  /** Origins of SQS-compatible servers besides AWS, from the session. */
  allowedOrigins: readonly string[];
  onSaved?: (app: AppDetails) => void;
}

/** Renders the Amazon SQS section of an app's overview. */
export function SqsSection({ app, allowedOrigins, onSaved }: SqsSectionProps) {
  const headingId = useId();

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Amazon SQS</h2>
      <p className="lead">
        Every event of this app, such as a new message or reaction, is
        delivered to an Amazon SQS queue you own. Your servers read the
        queue at their own pace, so busy periods cannot overwhelm them.
      </p>
      <SqsSettingsForm
        key={app.id}
        app={app}
        allowedOrigins={allowedOrigins}
        labelledBy={headingId}
        onSaved={onSaved}
      />
    </section>
  );
}
