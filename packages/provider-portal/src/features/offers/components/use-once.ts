import { useCallback, useRef } from 'react';

/**
 * Runs a step at most once at a time: a double click or a second Enter before the answer comes is
 * ignored (a disabled button alone is not enough, as it is disabled only after the next render).
 */
export function useOnce() {
  const busy = useRef(false);
  return useCallback((step: () => Promise<unknown>) => {
    if (busy.current) return;
    busy.current = true;
    step()
      .catch(() => {
        /* shown by the page from the mutation's error */
      })
      .finally(() => {
        busy.current = false;
      });
  }, []);
}
