/**
 * Table types of the query layer. Timestamps are ISO 8601 strings in UTC
 * and JSON columns are text, so the same queries run on SQLite and
 * PostgreSQL.
 */
import type { Generated } from 'kysely';

export interface OrgTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  org_id: string;
  /** Stored lower-cased; sign-in compares lower-cased input. */
  email: string;
  password_hash: string;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token, so a database leak opens no session. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface AppTable {
  id: string;
  org_id: string;
  name: string;
  api_key: string;
  api_secret: string;
  sqs_url: string;
  sqs_key: string;
  sqs_secret: string;
  /** JSON list of event types; null sends every type. */
  webhook_events: string | null;
  enable_hook_payload_compression: number;
  created_at: string;
  updated_at: string;
}

export interface ChatUserTable {
  app_id: string;
  id: string;
  role: string;
  /** JSON object of the user's custom fields. */
  custom: string;
  created_at: string;
  updated_at: string;
  /** Set when the user was soft-deleted. */
  deleted_at: Generated<string | null>;
}

export interface ChannelTable {
  app_id: string;
  cid: string;
  type: string;
  id: string;
  created_by_id: string;
  custom: string;
  created_at: string;
  updated_at: string;
  /** Time of the last truncation: older messages are gone or deleted. */
  truncated_at: Generated<string | null>;
}

export interface ChannelMemberTable {
  app_id: string;
  cid: string;
  user_id: string;
  created_at: string;
  updated_at: string;
  /** Channel role given when the member was added, or null for default. */
  channel_role: Generated<string | null>;
}

export interface MessageTable {
  app_id: string;
  id: string;
  cid: string;
  user_id: string;
  text: string;
  custom: string;
  created_at: string;
  updated_at: string;
  /** `regular`, `reply` or `system`. A deleted message has `deleted_at`. */
  type: Generated<string>;
  /** The thread's parent message, for replies. */
  parent_id: Generated<string | null>;
  /** JSON list of attachment objects. */
  attachments: Generated<string>;
  /** JSON list of mentioned user ids. */
  mentioned_user_ids: Generated<string>;
  quoted_message_id: Generated<string | null>;
  silent: Generated<number>;
  pinned: Generated<number>;
  /** Set when the message was soft-deleted. */
  deleted_at: Generated<string | null>;
}

export interface ReactionTable {
  app_id: string;
  message_id: string;
  user_id: string;
  type: string;
  score: number;
  /** JSON object of the reaction's custom fields. */
  custom: string;
  created_at: string;
  updated_at: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'dropped';

export interface OutboxTable {
  seq: Generated<number>;
  app_id: string;
  event_id: string;
  event_type: string;
  created_at: string;
  status: OutboxStatus;
  attempts: number;
  /** Earliest time of the next attempt. */
  next_attempt_at: string;
  /** A worker's claim on the event lasts until this time. */
  lease_until: string | null;
  sent_at: string | null;
  sqs_message_id: string | null;
  last_error: string | null;
  /** UTF-8 bytes of the event's JSON in `outbox_payloads`. */
  payload_bytes: Generated<number>;
  /** The event's channel, or null for events without one. */
  cid: Generated<string | null>;
  /** The claim that holds the lease; a release must name it. */
  lease_owner: Generated<string | null>;
  /** Bytes SQS counts for the message: body plus attributes. */
  size_bytes: Generated<number | null>;
  /** The queue's maximum message size when an oversize event was dropped. */
  limit_bytes: Generated<number | null>;
  /** The cause of a drop, also used as a metrics label. */
  drop_cause: Generated<DropCause | null>;
  dropped_at: Generated<string | null>;
}

/** The event's JSON, encoded into the SQS body when it is sent. */
export interface OutboxPayloadTable {
  seq: number;
  payload: string;
}

/**
 * Why an event was dropped: larger than the queue allows, rejected by SQS
 * as the sender's fault, failed too often, or waited too long.
 */
export type DropCause = 'oversize' | 'rejected' | 'attempts' | 'expired';

/**
 * `active` delivers; `retrying` waits out a passing failure of the whole
 * queue; `paused` waits for the settings to be fixed.
 */
export type DeliveryStateName = 'active' | 'retrying' | 'paused';

export interface DeliveryStateTable {
  app_id: string;
  state: DeliveryStateName;
  /** Readable reason of the pause or retry streak. */
  reason: string | null;
  /** The error code behind `reason`, such as `AccessDenied`. */
  error_code: string | null;
  /** When the current pause or retry streak began. */
  since: string | null;
  updated_at: string;
}

export interface Database {
  orgs: OrgTable;
  users: UserTable;
  sessions: SessionTable;
  apps: AppTable;
  chat_users: ChatUserTable;
  channels: ChannelTable;
  channel_members: ChannelMemberTable;
  messages: MessageTable;
  reactions: ReactionTable;
  outbox: OutboxTable;
  outbox_payloads: OutboxPayloadTable;
  delivery_states: DeliveryStateTable;
}
