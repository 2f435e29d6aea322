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
}

export interface ChannelMemberTable {
  app_id: string;
  cid: string;
  user_id: string;
  created_at: string;
  updated_at: string;
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
}

export type OutboxStatus = 'pending' | 'sent' | 'dropped';

export interface OutboxTable {
  seq: Generated<number>;
  app_id: string;
  event_id: string;
  event_type: string;
  /** The event's JSON, encoded into the SQS body when it is sent. */
  payload: string;
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
  outbox: OutboxTable;
}
