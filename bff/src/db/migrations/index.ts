/**
 * Versioned schema migrations, applied in name order at start-up. A
 * migration that has run is never edited; a change gets a new file here.
 */
import type { Migration } from 'kysely/migration';

import { migration as m0001 } from './0001_accounts.js';
import { migration as m0002 } from './0002_chat.js';
import { migration as m0003 } from './0003_outbox.js';
import { migration as m0004 } from './0004_chat_reactions.js';
import { migration as m0005 } from './0005_delivery.js';
import { migration as m0006 } from './0006_outbox_payloads.js';

export const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_chat': m0002,
  '0003_outbox': m0003,
  '0004_chat_reactions': m0004,
  '0005_delivery': m0005,
  '0006_outbox_payloads': m0006,
};
