import { useId } from 'react';

interface TestEventPreviewProps {
  /** The test event as a consumer reads it after decoding. */
  event: Record<string, unknown>;
}

/** Shows the decoded test event as an example of what consumers receive. */
export function TestEventPreview({ event }: TestEventPreviewProps) {
  const headingId = useId();

  return (
    <section className="stack-sm" aria-labelledby={headingId}>
      <h3 id={headingId}>What a message looks like</h3>
      <p>
        Each message body is the event JSON encoded as base64. Read it with{' '}
        <code>parseSqs(body)</code> from the <code>stream-chat</code> package.
      </p>
      <pre className="code-block">{JSON.stringify(event, null, 2)}</pre>
    </section>
  );
}
