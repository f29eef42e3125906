import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../http-client.ts';
import { LiveEvents, SseParser } from './live-events.ts';

describe('SseParser', () => {
  it('reads events cut anywhere, skips comments, joins data lines', () => {
    const p = new SseParser();
    expect(p.push('retry: 3000\n\n: keep-alive\n\nid: 4\nev')).toEqual([]);
    expect(p.push('ent: change\ndata: {"a":\r\ndata: 1}\n\nid: 5\nevent: ready\ndata: {}\n\n')).toEqual([
      { id: '4', event: 'change', data: '{"a":\n1}' },
      { id: '5', event: 'ready', data: '{}' },
    ]);
  });
});

/** A server under the test's hand: each stream request gets a body the test writes to. */
function fakeServer() {
  const requests: { topics: string[]; lastEventId?: string; write(t: string): void; end(): void }[] = [];
  let refuse: ApiError | null = null;
  const api = {
    stream: vi.fn(
      async (
        _path: string,
        opts: {
          query?: Record<string, unknown>;
          headers?: Record<string, string>;
          signal?: AbortSignal;
        } = {},
      ) => {
        if (refuse) throw refuse;
        let ctrl!: ReadableStreamDefaultController<Uint8Array>;
        const body = new ReadableStream<Uint8Array>({ start: (c) => void (ctrl = c) });
        opts.signal?.addEventListener('abort', () => ctrl.error(new DOMException('aborted', 'AbortError')));
        requests.push({
          topics: opts.query!.topic as string[],
          lastEventId: opts.headers?.['last-event-id'],
          write: (t) => ctrl.enqueue(new TextEncoder().encode(t)),
          end: () => ctrl.close(),
        });
        return new Response(body);
      },
    ),
  };
  return { api, requests, refuse: (e: ApiError) => void (refuse = e) };
}

const change = (id: number, topic: string, ids: string[]) =>
  `id: ${id}\nevent: change\ndata: ${JSON.stringify({ topic, ids })}\n\n`;

describe('LiveEvents', () => {
  it('opens one stream for every screen, delivers by topic, resumes from the last id', async () => {
    const server = fakeServer();
    const live = new LiveEvents(server.api);
    const board = { topics: ['care.vacancies'] as const, onChange: vi.fn(), onReset: vi.fn() };
    const keys = { topics: ['keys.agreements'] as const, onChange: vi.fn(), onReset: vi.fn() };
    live.subscribe(board);
    live.subscribe(keys);
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    expect(server.requests[0]!.topics).toEqual(['care.vacancies', 'keys.agreements']);
    server.requests[0]!.write('id: 10\nevent: ready\ndata: {}\n\n');
    server.requests[0]!.write(change(11, 'care.vacancies', ['v1']));
    await vi.waitFor(() =>
      expect(board.onChange).toHaveBeenCalledWith({ topic: 'care.vacancies', ids: ['v1'] }),
    );
    expect(keys.onChange).not.toHaveBeenCalled();
    expect(live.status).toBe('open');

    // The server ends the stream (its token expired): the client is back at once, from event 11.
    server.requests[0]!.end();
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    expect(server.requests[1]!.lastEventId).toBe('11');
    server.requests[1]!.write('id: 12\nevent: reset\ndata: {}\n\n');
    await vi.waitFor(() => expect(keys.onReset).toHaveBeenCalled());
    expect(board.onReset).toHaveBeenCalled();
    live.close();
  });

  it('reopens for the new set of topics when a screen leaves, and closes with the last one', async () => {
    const server = fakeServer();
    const live = new LiveEvents(server.api);
    const a = live.subscribe({ topics: ['care.vacancies'], onChange: () => {}, onReset: () => {} });
    const b = live.subscribe({ topics: ['care.offers'], onChange: () => {}, onReset: () => {} });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    b();
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    expect(server.requests[1]!.topics).toEqual(['care.vacancies']);
    a();
    await vi.waitFor(() => expect(live.status).toBe('idle'));
    expect(server.requests).toHaveLength(2);
  });

  it('stops when the session has ended instead of retrying', async () => {
    const server = fakeServer();
    server.refuse(new ApiError(401, null));
    const live = new LiveEvents(server.api);
    live.subscribe({ topics: ['care.vacancies'], onChange: () => {}, onReset: () => {} });
    await vi.waitFor(() => expect(live.status).toBe('stopped'));
    await new Promise((r) => setTimeout(r, 800));
    expect(server.api.stream).toHaveBeenCalledTimes(1);
  });
});
