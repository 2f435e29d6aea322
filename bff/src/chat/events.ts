/** Builds the platform's event payloads. Every event gets a unique id. */
import { randomUUID } from 'node:crypto';

import type { ChatEvent } from '../events/encoding.js';
import type { Json } from './records.js';

/** Events list at most this many channel members, as the platform does. */
export const MAX_EVENT_MEMBERS = 50;

export type OutgoingEvent = ChatEvent & { id: string };

export interface ChannelRef {
  type: string;
  id: string;
  cid: string;
}

export function channelEvent(
  type: string,
  channel: ChannelRef,
  fields: Json,
): OutgoingEvent {
  return {
    ...fields,
    id: randomUUID(),
    type,
    cid: channel.cid,
    channel_id: channel.id,
    channel_type: channel.type,
    created_at: new Date().toISOString(),
  };
}

export function limitMembers(members: readonly Json[]): Json[] {
  return members.slice(0, MAX_EVENT_MEMBERS);
}

/** Builds an event about a user, which has no channel fields. */
export function userEvent(type: string, fields: Json): OutgoingEvent {
  return {
    ...fields,
    id: randomUUID(),
    type,
    created_at: new Date().toISOString(),
  };
}
