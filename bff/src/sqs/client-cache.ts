/**
 * A bounded cache of `SQSClient`s, one per app and settings, so delivery
 * reuses connections. Clients are never shared between apps, and each
 * makes one attempt per call (`maxAttempts: 1`), so one app's failures
 * spend no retry budget of another. A client is `destroy()`ed when it is
 * evicted, idle too long, or its app's settings change.
 */
import { createHash } from 'node:crypto';

import type { SQSClient } from '@aws-sdk/client-sqs';

import { createSqsClient, type SqsClientOptions } from './client-factory.js';

/** The settings a client is built from. */
export interface ClientSettings {
  appId: string;
  region: string;
  endpoint: string | null;
  accessKeyId: string;
  secretAccessKey: string;
  fips: boolean;
}

/** Options of `SqsClientCache`. */
export interface SqsClientCacheOptions {
  /** Clients kept at most; the least recently used goes first. Default 500. */
  maxClients?: number;
  /** A client unused this long is destroyed. Default 10 minutes. */
  idleTimeoutMs?: number;
  /** Deadline of one request, in milliseconds. */
  requestTimeoutMs: number;
  /** Deadline to open a connection, in milliseconds. */
  connectionTimeoutMs: number;
  /** Builds the clients. Default `createSqsClient`. */
  factory?: (options: SqsClientOptions) => SQSClient;
}

interface Entry {
  appId: string;
  client: SQSClient;
  lastUsedMs: number;
}

export class SqsClientCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxClients: number;
  private readonly idleTimeoutMs: number;

  constructor(private readonly options: SqsClientCacheOptions) {
    this.maxClients = options.maxClients ?? 500;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 600_000;
  }

  /** Number of cached clients. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Returns the client for these settings, building it when missing. The
   * cache key contains a SHA-256 of the credentials, never the secret.
   */
  get(settings: ClientSettings): SQSClient {
    const key = cacheKey(settings);
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      cached.lastUsedMs = now;
      this.entries.set(key, cached);
      return cached.client;
    }
    const client = (this.options.factory ?? createSqsClient)({
      region: settings.region,
      endpoint: settings.endpoint,
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      requestTimeoutMs: this.options.requestTimeoutMs,
      connectionTimeoutMs: this.options.connectionTimeoutMs,
      maxAttempts: 1,
      fips: settings.fips,
    });
    this.entries.set(key, { appId: settings.appId, client, lastUsedMs: now });
    this.evictOverflow();
    return client;
  }

  /** Destroys every client of an app, such as after its settings changed. */
  evictApp(appId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.appId === appId) this.evict(key, entry);
    }
  }

  /** Destroys clients unused for longer than the idle timeout. */
  evictIdle(now = Date.now()): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.lastUsedMs > this.idleTimeoutMs) this.evict(key, entry);
    }
  }

  /** Destroys every client. */
  clear(): void {
    for (const [key, entry] of this.entries) this.evict(key, entry);
  }

  private evictOverflow(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxClients) return;
      this.evict(key, entry);
    }
  }

  private evict(key: string, entry: Entry): void {
    this.entries.delete(key);
    entry.client.destroy();
  }
}

function cacheKey(settings: ClientSettings): string {
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        settings.region,
        settings.endpoint,
        settings.accessKeyId,
        settings.secretAccessKey,
        settings.fips,
      ]),
    )
    .digest('hex');
  return `${settings.appId}:${hash}`;
}
