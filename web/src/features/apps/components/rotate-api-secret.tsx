import { useId, useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SecretValue } from '@/components/ui/secret-value';
import { getErrorMessage } from '@/lib/api-error';

import { useRotateApiSecret } from '../api/rotate-api-secret';

interface RotateApiSecretProps {
  appId: string;
}

/**
 * Rotates the app's API secret after a confirmation, then shows the new
 * secret once with a copy button.
 */
export function RotateApiSecret({ appId }: RotateApiSecretProps) {
  const rotate = useRotateApiSecret(appId);
  const [confirming, setConfirming] = useState(false);
  const warningId = useId();

  if (rotate.data) {
    return (
      <div className="stack-sm">
        <p className="notice">
          The old API secret no longer works. Copy the new one now and
          update your servers; it will not be shown again.
        </p>
        <dl>
          <SecretValue
            label="New API secret"
            value={rotate.data.apiSecret}
            copyLabel="Copy API secret"
          />
        </dl>
        <div className="button-row">
          <Button onClick={() => rotate.reset()}>Done</Button>
        </div>
      </div>
    );
  }

  if (!confirming) {
    return (
      <div className="button-row">
        <Button onClick={() => setConfirming(true)}>Rotate API secret</Button>
      </div>
    );
  }

  return (
    <div className="stack-sm">
      {rotate.error && <Alert>{getErrorMessage(rotate.error)}</Alert>}
      <p id={warningId} className="notice">
        Rotating replaces the API secret. The current secret stops working
        at once, so servers that sign tokens with it get errors until they
        use the new secret.
      </p>
      <div className="button-row">
        <Button
          variant="primary"
          busy={rotate.isPending}
          aria-describedby={warningId}
          onClick={() => rotate.mutate(undefined, {
            onSuccess: () => setConfirming(false),
          })}
        >
          Rotate now
        </Button>
        <Button onClick={() => setConfirming(false)}>Cancel</Button>
      </div>
    </div>
  );
}
