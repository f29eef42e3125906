import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { LIVE_TOPICS, type LiveTopic } from '@civic/shared/live';

/** A change as the triggers of migration 0012 write and announce it. */
export interface StoredEvent {
  id: number;
  topic: LiveTopic;
  ids: string[];
  providerId: string | null;
  siteId: string | null;
}

export const LIVE_CHANNEL = 'civic_live';
/** A transaction may commit after a later-numbered one: catching up looks this far back too. */
export const CATCH_UP_OVERLAP_SECONDS = 10;

type Listener = (event: StoredEvent) => void;

export function parseEvent(payload: string): StoredEvent | null {
  try {
    const e = JSON.parse(payload) as StoredEvent;
    if (!Number.isSafeInteger(e.id) || !(LIVE_TOPICS as readonly string[]).includes(e.topic)) return null;
    return {
      id: e.id,
      topic: e.topic,
      ids: e.ids ?? [],
      providerId: e.providerId ?? null,
      siteId: e.siteId ?? null,
    };
  } catch {
    return null;
  }
}

/**
 * One API instance's ear on the database: a dedicated connection LISTENing on `civic_live`, opened
 * when the first stream subscribes, so every change committed through any instance reaches this
 * instance's open streams. A dropped connection is reopened with backoff, and what was announced
 * meanwhile is read back from `live_events` (deduplicated by id), so streams miss nothing.
 */
export class LiveHub {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly recent = new Set<number>();
  private lastAt: Date | null = null;
  private listened = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly url: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  get listenerCount() {
    return this.listeners.size;
  }

  /** Resolves once this instance is listening, so nothing committed after it is missed. */
  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    try {
      await this.connect();
    } catch (err) {
      this.listeners.delete(listener);
      throw err;
    }
    return () => this.listeners.delete(listener);
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open() {
    const client = new pg.Client({ connectionString: this.url, application_name: 'civic-live' });
    client.on('notification', (msg) => {
      const event = msg.payload ? parseEvent(msg.payload) : null;
      if (event) this.dispatch(event);
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, null));
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    const reconnected = this.listened;
    this.listened = true;
    // Catching up after a loss starts from the last event heard, or from when listening began.
    this.lastAt ??= new Date();
    this.client = client;
    this.failures = 0;
    if (reconnected) await this.catchUp(client);
  }

  /** After a lost connection: what was announced while nobody listened, from the table. */
  private async catchUp(client: pg.Client) {
    const res = await client.query<{
      id: string;
      topic: LiveTopic;
      ids: string[];
      provider_id: string | null;
      site_id: string | null;
    }>(
      `SELECT id, topic, ids, provider_id, site_id FROM live_events
        WHERE at >= $1::timestamptz - make_interval(secs => $2) ORDER BY id`,
      [this.lastAt, CATCH_UP_OVERLAP_SECONDS],
    );
    for (const r of res.rows) {
      this.dispatch({
        id: Number(r.id),
        topic: r.topic,
        ids: r.ids,
        providerId: r.provider_id,
        siteId: r.site_id,
      });
    }
  }

  private dispatch(event: StoredEvent) {
    if (this.recent.has(event.id)) return;
    this.recent.add(event.id);
    if (this.recent.size > 10_000) this.recent.delete(this.recent.values().next().value!);
    this.lastAt = new Date();
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.log.warn({ err }, 'live event listener failed');
      }
    }
  }

  private lost(client: pg.Client, err: Error | null) {
    if (this.client !== client && this.client !== null) return;
    this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => {});
    if (this.closed) return;
    this.log.warn({ err: err?.message }, 'live events: connection lost, reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.retryTimer || this.closed) return;
    const delay = Math.min(30_000, 500 * 2 ** this.failures++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().catch(() => this.scheduleReconnect());
    }, delay);
    this.retryTimer.unref();
  }

  async close() {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.connecting?.catch(() => {});
    const client = this.client;
    this.client = null;
    this.listeners.clear();
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
    }
  }
}
