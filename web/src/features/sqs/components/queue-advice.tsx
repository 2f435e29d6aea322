import type { QueueReport } from '@sqs-bridge/contracts';
import { useId } from 'react';

import { describeEncryption, formatKilobytes } from '../lib/queue-report';

interface QueueAdviceProps {
  report: QueueReport;
}

/** Shows facts about the tested queue and the changes Test SQS suggests. */
export function QueueAdvice({ report }: QueueAdviceProps) {
  const headingId = useId();

  return (
    <section className="stack-sm" aria-labelledby={headingId}>
      <h3 id={headingId}>Queue advice</h3>
      <dl className="facts">
        <dt>Queue</dt>
        <dd>
          <code>{report.queueArn}</code>
        </dd>
        <dt>Maximum message size</dt>
        <dd>{formatKilobytes(report.maximumMessageSizeBytes)}</dd>
        <dt>Type</dt>
        <dd>{report.fifo ? 'FIFO' : 'Standard'}</dd>
        <dt>Dead-letter queue</dt>
        <dd>
          {report.deadLetterQueueArn ? (
            <>
              Yes, <code>{report.deadLetterQueueArn}</code>
            </>
          ) : (
            'No'
          )}
        </dd>
        <dt>Encryption</dt>
        <dd>{describeEncryption(report)}</dd>
      </dl>
      {report.advice.length > 0 ? (
        <ul className="advice-list">
          {report.advice.map((advice) => (
            <li key={advice}>{advice}</li>
          ))}
        </ul>
      ) : (
        <p>Nothing to change: the queue follows the recommended setup.</p>
      )}
    </section>
  );
}
