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

/** Encodes an event as an SQS message body. */
export function encodeEventBody(
  event: ChatEvent,
  options: EncodeOptions = {},
): string {
  return encodeEventJson(JSON.stringify(event), options);
}

/**
 * Encodes an event that is already JSON text, as `encodeEventBody` does,
 * without parsing it again.
 */
export function encodeEventJson(
  json: string,
  options: EncodeOptions = {},
): string {
  const bytes = Buffer.from(json, 'utf8');
  return (options.compress ? gzipSync(bytes) : bytes).toString('base64');
}
