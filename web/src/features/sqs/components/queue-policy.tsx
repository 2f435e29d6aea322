import { useId, useMemo } from 'react';

import { CopyButton } from '@/components/ui/copy-button';

import {
  buildQueuePolicy,
  getQueueArnOrPlaceholder,
} from '../lib/queue-policy';

interface QueuePolicyProps {
  /** The URL currently in the form, saved or not. */
  sqsUrl: string;
  allowedOrigins: readonly string[];
}

/** Shows the IAM policy the AWS key needs on the queue in the form. */
export function QueuePolicy({ sqsUrl, allowedOrigins }: QueuePolicyProps) {
  const headingId = useId();
  const policy = useMemo(
    () => buildQueuePolicy(getQueueArnOrPlaceholder(sqsUrl, allowedOrigins)),
    [sqsUrl, allowedOrigins],
  );

  return (
    <section className="stack-sm" aria-labelledby={headingId}>
      <h3 id={headingId}>Permissions the queue needs</h3>
      <p>
        Attach this policy to the IAM user that owns the AWS key, or add its
        statement to the queue&apos;s access policy with that user as the
        principal.
      </p>
      <pre className="code-block">{policy}</pre>
      <div>
        <CopyButton text={policy} label="Copy policy" />
      </div>
    </section>
  );
}
