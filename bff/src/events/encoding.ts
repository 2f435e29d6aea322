/**
 * Encodes an event as the body of one SQS message: base64 of the event's
 * JSON, or of its gzip when payload compression is on. The official SDK's
 * `parseSqs` reads both forms; raw JSON it rejects.
 */
import { gzipSync } from 'node:zlib';

/** A chat event as it lands in the queue. */
export interface ChatEvent {
  type: string;
  created_at: string;
  [field: string]: unknown;
}

export interface EncodeOptions {
  /** Gzip the JSON before base64. Default false. */
  compress?: boolean;
}

/** The SQS message attribute that carries the event type. */
export const EVENT_TYPE_ATTRIBUTE = 'event_type';

export function encodeEventBody(
  event: ChatEvent,
  options: EncodeOptions = {},
): string {
  const json = Buffer.from(JSON.stringify(event), 'utf8');
  const bytes = options.compress ? gzipSync(json) : json;
  return bytes.toString('base64');
}
