import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { HttpClient } from '../http-client.ts';
import type { LiveChange, LiveTopic } from '../live.ts';
import type { LiveEvents } from './live-events.ts';

const LiveContext = createContext<LiveEvents | null>(null);

/** Gives the app's screens one shared event stream (apps turn it on; component tests leave it off). */
export function LiveEventsProvider({
  api,
  children,
}: {
  api: Pick<HttpClient, 'stream'>;
  children: ReactNode;
}) {
  // Loaded once the app is up, so the first page does not wait for it; screens subscribe when it is.
  const [live, setLive] = useState<LiveEvents | null>(null);
  useEffect(() => {
    let ended = false;
    let events: LiveEvents | null = null;
    void import('./live-events.ts').then(({ LiveEvents }) => {
      if (ended) return;
      events = new LiveEvents(api);
      setLive(events);
    });
    return () => {
      ended = true;
      events?.close();
    };
  }, [api]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

/** Calls `onChange` for each change of the topics (and `onReset` when changes were missed). */
export function useLiveEvents(topics: readonly LiveTopic[], onChange: (change: LiveChange | null) => void) {
  const live = useContext(LiveContext);
  const handler = useRef(onChange);
  useEffect(() => {
    handler.current = onChange;
  });
  const key = [...topics].sort().join(',');
  useEffect(() => {
    if (!live || !key) return;
    return live.subscribe({
      topics: key.split(',') as LiveTopic[],
      onChange: (c) => handler.current(c),
      onReset: () => handler.current(null),
    });
  }, [live, key]);
}

/**
 * A screen that refreshes by itself: when the data behind `topics` changes (anyone, any API
 * instance), the queries under `queryKeys` are invalidated and react-query reloads the ones on
 * screen through the normal API. Changes arriving together cause one reload.
 *
 *   useLiveInvalidation(['care.vacancies'], [careKeys.all])
 */
export function useLiveInvalidation(topics: readonly LiveTopic[], queryKeys: readonly QueryKey[]) {
  const client = useQueryClient();
  const keys = useRef(queryKeys);
  useEffect(() => {
    keys.current = queryKeys;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useLiveEvents(topics, () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      for (const queryKey of keys.current) void client.invalidateQueries({ queryKey });
    }, 100);
  });
}
