/**
 * The shared event stream itself, loaded by `LiveEventsProvider` after the first page (it is not
 * needed to draw one): the SSE reader and the reconnecting client.
 */
import { ApiError, type HttpClient } from '../http-client.ts';
import type { LiveChange, LiveMessage, LiveTopic } from '../live.ts';

/** Reads server-sent events from text arriving in pieces (a field may be cut anywhere). */
export class SseParser {
  private buffer = '';

  push(text: string): { id: string | null; event: string; data: string }[] {
    this.buffer += text.replace(/\r\n?/g, '\n');
    const out: { id: string | null; event: string; data: string }[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let id: string | null = null;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = value;
        else if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length || event !== 'message') out.push({ id, event, data: data.join('\n') });
    }
    return out;
  }
}

interface Subscriber {
  topics: readonly LiveTopic[];
  onChange(change: LiveChange): void;
  /** The stream missed what it cannot name (or was away): reload everything shown. */
  onReset(): void;
}

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'retrying' | 'stopped';

/** Waits before reconnecting, by failed attempts in a row; a little random so tabs spread out. */
const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * One event stream per app, shared by every screen that follows changes: it asks for the union of
 * their topics (reopening, from where it was, when that changes), reconnects with backoff and
 * `Last-Event-ID` when the connection drops or the server ends it (its token expired), and stops
 * when the session has ended or the topics are refused.
 */
export class LiveEvents {
  private readonly subscribers = new Set<Subscriber>();
  private lastEventId: string | null = null;
  private controller: AbortController | null = null;
  private openTopics = '';
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private statusListeners = new Set<(s: LiveStatus) => void>();
  status: LiveStatus = 'idle';

  constructor(
    private readonly api: Pick<HttpClient, 'stream'>,
    private readonly path = '/events',
  ) {}

  subscribe(sub: Subscriber): () => void {
    this.subscribers.add(sub);
    this.schedule(0);
    return () => {
      this.subscribers.delete(sub);
      this.schedule(0);
    };
  }

  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close() {
    this.subscribers.clear();
    this.stop('idle');
  }

  private setStatus(s: LiveStatus) {
    this.status = s;
    this.statusListeners.forEach((l) => l(s));
  }

  private topics(): string {
    return [...new Set([...this.subscribers].flatMap((s) => s.topics))].sort().join(',');
  }

  /** Screens mount and unmount together: settle on the union of topics before (re)opening. */
  private schedule(delay: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.reconcile();
    }, delay);
  }

  private reconcile() {
    const topics = this.topics();
    if (topics === this.openTopics && this.controller) return;
    this.stop(topics ? 'connecting' : 'idle');
    if (!topics) return;
    this.openTopics = topics;
    const controller = new AbortController();
    this.controller = controller;
    void this.run(topics.split(',') as LiveTopic[], controller);
  }

  private stop(status: LiveStatus) {
    this.controller?.abort();
    this.controller = null;
    this.openTopics = '';
    this.setStatus(status);
  }

  private async run(topics: LiveTopic[], controller: AbortController) {
    const parser = new SseParser();
    let ready = false;
    try {
      const res = await this.api.stream(this.path, {
        query: { topic: topics },
        headers: this.lastEventId ? { 'last-event-id': this.lastEventId } : {},
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const e of parser.push(decoder.decode(value, { stream: true }))) {
          const message = toMessage(e);
          if (!message) continue;
          if (message.type === 'ready') {
            ready = true;
            this.failures = 0;
            this.setStatus('open');
          }
          this.deliver(message);
        }
      }
    } catch (err) {
      if (controller.signal.aborted) return;
      // A refusal will not pass by retrying: the session ended (the app asks to log in) or the topics are not allowed.
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
        if (this.controller === controller) this.stop('stopped');
        return;
      }
    }
    if (controller.signal.aborted || this.controller !== controller) return;
    // The server ended the stream (its token expired) or the network dropped it: resume.
    this.controller = null;
    this.openTopics = '';
    this.setStatus('retrying');
    const wait = ready ? 0 : BACKOFF_MS[Math.min(this.failures++, BACKOFF_MS.length - 1)]!;
    this.schedule(wait + Math.random() * 250);
  }

  private deliver(message: LiveMessage) {
    if (message.id && (this.lastEventId === null || Number(message.id) > Number(this.lastEventId))) {
      this.lastEventId = message.id;
    }
    for (const s of this.subscribers) {
      if (message.type === 'reset') s.onReset();
      else if (message.type === 'change' && s.topics.includes(message.change.topic))
        s.onChange(message.change);
    }
  }
}

function toMessage(e: { id: string | null; event: string; data: string }): LiveMessage | null {
  const id = e.id ?? '';
  if (e.event === 'ready') return { type: 'ready', id };
  if (e.event === 'reset') return { type: 'reset', id };
  if (e.event !== 'change') return null;
  try {
    return { type: 'change', id, change: JSON.parse(e.data) as LiveChange };
  } catch {
    return null;
  }
}
