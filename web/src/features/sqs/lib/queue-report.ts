import type { QueueReport, SqsCheckResult } from '@sqs-bridge/contracts';

/**
 * Returns the queue report of a passed Test SQS, or null when the test
 * failed or its data lacks a report's fields.
 */
export function getQueueReport(result: SqsCheckResult): QueueReport | null {
  const data = result.data;
  if (result.status !== 'ok' || !data) return null;
  const report = data as Partial<QueueReport>;
  const valid =
    typeof report.testMessageId === 'string' &&
    typeof report.maximumMessageSizeBytes === 'number' &&
    typeof report.fifo === 'boolean' &&
    Array.isArray(report.advice) &&
    typeof report.testEvent === 'object' &&
    report.testEvent !== null;
  return valid ? (data as QueueReport) : null;
}

/** Formats a byte count in whole or decimal KB (1 KB = 1024 bytes). */
export function formatKilobytes(bytes: number): string {
  const kilobytes = bytes / 1024;
  const rounded = Number.isInteger(kilobytes)
    ? String(kilobytes)
    : kilobytes.toFixed(1);
  return `${rounded} KB`;
}

/** Describes how the queue encrypts messages at rest. */
export function describeEncryption(report: QueueReport): string {
  if (report.kmsKeyId) return `SSE-KMS with key ${report.kmsKeyId}`;
  if (report.sqsManagedEncryption) return 'SSE-SQS (keys managed by SQS)';
  return 'Not encrypted at rest';
}
