/** The worker's periodic housekeeping: expiry and pruning of the outbox. */
import type { Logger } from 'pino';

import type { Db } from '../db/database.js';
import { countDrops, type DeliveryMetrics } from '../metrics.js';
import {
  expireEvents,
  pruneFinished,
  type ExpiredEvent,
} from './maintenance.js';

/** Event ids logged per app when events expire; the rest are counted. */
const LOGGED_EVENT_IDS = 20;

export interface MaintenanceOptions {
  db: Db;
  logger: Logger;
  metrics: DeliveryMetrics;
  maxEventAgeMs: number;
  retentionMs: number;
}

/** Drops events older than `maxEventAgeMs`, then prunes finished ones. */
export async function runMaintenance(options: MaintenanceOptions): Promise<void> {
  const { db, logger, metrics } = options;
  const now = Date.now();
  const expired = await expireEvents(db, new Date(now - options.maxEventAgeMs));
  countDrops(metrics, 'expired', expired.length);
  const byApp = new Map<string, ExpiredEvent[]>();
  for (const event of expired) {
    byApp.set(event.appId, [...(byApp.get(event.appId) ?? []), event]);
  }
  for (const [appId, events] of byApp) {
    logger.warn(
      {
        appId,
        count: events.length,
        eventIds: events.slice(0, LOGGED_EVENT_IDS).map((e) => e.eventId),
        cause: 'expired',
      },
      'events dropped: waited longer than the maximum age',
    );
  }
  const pruned = await pruneFinished(db, new Date(now - options.retentionMs));
  if (pruned > 0) logger.info({ pruned }, 'finished events pruned');
}
