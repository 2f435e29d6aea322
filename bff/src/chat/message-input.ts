/** Reads and checks the message objects of send and update requests. */
import { randomUUID } from 'node:crypto';

import { ChatInputError } from './errors.js';
import type { Json } from './records.js';
import { checkUserId } from './users.js';

const MESSAGE_ID_PATTERN = /^[\w-]{1,255}$/;
/** The platform's limit on the text of one message. */
export const MAX_MESSAGE_TEXT_LENGTH = 20_000;
/** Keys of a message that are not custom fields. */
const RESERVED_MESSAGE_KEYS = new Set([
  'id', 'text', 'user_id', 'user', 'type', 'html', '__html', 'cid',
  'created_at', 'updated_at', 'deleted_at', 'attachments',
  'latest_reactions', 'own_reactions', 'reaction_counts', 'reaction_scores',
  'reaction_groups', 'reply_count', 'deleted_reply_count', 'mentioned_users',
  'mentioned_groups', 'parent_id', 'quoted_message_id', 'quoted_message',
  'silent', 'pinned', 'pinned_at', 'pinned_by', 'pin_expires',
  'show_in_channel', 'shadowed', 'i18n', 'thread_participants', 'command',
  'status', 'error',
]);

export interface MessageInput {
  id: string;
  text: string;
  userId: string;
  custom: Json;
  attachments: Json[];
  mentionedUserIds: string[];
  parentId: string | null;
  quotedMessageId: string | null;
  silent: boolean;
  pinned: boolean;
}

/**
 * Reads a message object and generates `id` when it is absent. `field`
 * names the object in error messages.
 */
export function readMessage(value: unknown, field = 'message'): MessageInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChatInputError(
      `${field} must be an object with text and user_id.`,
    );
  }
  const message = value as Json;
  const userId = checkUserId(
    message['user_id'] ?? (message['user'] as Json | undefined)?.['id'],
    `${field}.user_id`,
  );
  const text = readText(message['text'], `${field}.text`);
  const attachments = readAttachments(message['attachments'], field);
  if (text.trim() === '' && attachments.length === 0) {
    throw new ChatInputError(
      `${field} has no text and no attachments; send text, at least one ` +
        'attachment, or both.',
    );
  }
  return {
    id: readMessageId(message['id'] ?? randomUUID(), `${field}.id`),
    text,
    userId,
    custom: Object.fromEntries(
      Object.entries(message).filter(
        ([key]) => !RESERVED_MESSAGE_KEYS.has(key),
      ),
    ),
    attachments,
    mentionedUserIds: readMentions(message['mentioned_users'], field),
    parentId: readOptionalId(message['parent_id'], `${field}.parent_id`),
    quotedMessageId: readOptionalId(
      message['quoted_message_id'],
      `${field}.quoted_message_id`,
    ),
    silent: readFlag(message['silent'], `${field}.silent`),
    pinned: readFlag(message['pinned'], `${field}.pinned`),
  };
}

export function readMessageId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !MESSAGE_ID_PATTERN.test(value)) {
    throw new ChatInputError(
      `${field} ${JSON.stringify(value)} is invalid: use up to 255 letters, ` +
        'digits, "_" or "-".',
    );
  }
  return value;
}

function readText(value: unknown, field: string): string {
  const text = value ?? '';
  if (typeof text !== 'string') {
    throw new ChatInputError(`${field} must be a string.`);
  }
  if (text.length > MAX_MESSAGE_TEXT_LENGTH) {
    throw new ChatInputError(
      `${field} has ${text.length} characters; the maximum is ` +
        `${MAX_MESSAGE_TEXT_LENGTH}.`,
    );
  }
  return text;
}

function readAttachments(value: unknown, field: string): Json[] {
  if (value === undefined || value === null) return [];
  const valid = Array.isArray(value) && value.every(
    (item) => typeof item === 'object' && item !== null && !Array.isArray(item),
  );
  if (!valid) {
    throw new ChatInputError(
      `${field}.attachments must be a list of attachment objects.`,
    );
  }
  return value as Json[];
}

function readMentions(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new ChatInputError(
      `${field}.mentioned_users must be a list of user ids.`,
    );
  }
  const ids = value.map((item, index) =>
    checkUserId(
      typeof item === 'object' && item !== null ? (item as Json)['id'] : item,
      `${field}.mentioned_users[${index}]`,
    ),
  );
  return [...new Set(ids)];
}

function readOptionalId(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  return readMessageId(value, field);
}

function readFlag(value: unknown, field: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') {
    throw new ChatInputError(`${field} must be true or false.`);
  }
  return value;
}
