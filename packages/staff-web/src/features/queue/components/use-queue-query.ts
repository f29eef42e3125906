import { useSearchParams } from 'react-router';
import {
  CLOCK_STATES,
  URGENCY_CLASSES,
  WAITING_SETTINGS,
  type ClockState,
  type UrgencyClass,
  type WaitingSetting,
} from '@civic/shared/care-queue';
import type { QueueListQuery } from '@civic/shared/queue';
import { filtersToSearchParams } from '@civic/shared/web/page';

export const QUEUE_PAGE_SIZE = 50;

const only = <T extends string>(values: string[], allowed: readonly T[]) =>
  values.filter((v): v is T => (allowed as readonly string[]).includes(v));

/**
 * The queue's filters live in the address, so a view can be bookmarked, shared and returned to.
 * Unknown values in a hand-edited address are dropped rather than sent to be refused.
 */
export function useQueueQuery() {
  const [params, setParams] = useSearchParams();
  const query: QueueListQuery = {
    serviceTypeId: params.get('serviceTypeId') ?? undefined,
    urgency: only<UrgencyClass>(params.getAll('urgency'), URGENCY_CLASSES),
    waitingSetting: only<WaitingSetting>(params.getAll('waitingSetting'), WAITING_SETTINGS),
    district: params.getAll('district'),
    language: params.get('language') ?? undefined,
    needTagId: params.getAll('needTagId'),
    clockState: only<ClockState>(params.getAll('clockState'), CLOCK_STATES),
    needsReassessment: params.get('needsReassessment') === 'true' || undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: QUEUE_PAGE_SIZE,
  };
  const update = (patch: Partial<QueueListQuery>) =>
    setParams(filtersToSearchParams({ ...query, page: 1, ...patch }), { replace: true });
  const filtered = [...params.keys()].some((k) => k !== 'page');
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  return { query, update, filtered, clear };
}

/** A checkbox list's next value. */
export const toggled = <T extends string>(list: readonly T[] | undefined, value: T, on: boolean): T[] =>
  on ? [...(list ?? []), value] : (list ?? []).filter((x) => x !== value);
