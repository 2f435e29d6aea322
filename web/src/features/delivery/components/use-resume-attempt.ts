import type { DeliveryStatus } from '@sqs-bridge/contracts';
import { useEffect, useState } from 'react';

import { useResumeDelivery } from '../api/resume-delivery';

/**
 * Presses Resume and reports whether it failed. The server may return the
 * new status still paused, or return it sending and pause again once the
 * queue rejects the next attempt. That new pause has a new `since`.
 */
export function useResumeAttempt(appId: string, status: DeliveryStatus) {
  const resume = useResumeDelivery(appId);
  const [pausedSince, setPausedSince] = useState<string | null>(null);
  const { reset } = resume;
  const isResolved = status.state === 'idle' || status.state === 'off';

  useEffect(() => {
    if (isResolved) reset();
  }, [isResolved, reset]);

  const start = () => {
    setPausedSince(status.since);
    resume.mutate();
  };

  const pausedAgain =
    resume.isSuccess &&
    status.state === 'paused' &&
    (resume.data.state === 'paused' || status.since !== pausedSince);

  return {
    start,
    isPending: resume.isPending,
    error: resume.error,
    failedAt: pausedAgain ? new Date(resume.submittedAt) : null,
  };
}
