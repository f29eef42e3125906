import type { OfferListQuery } from '@civic/shared/queue';

/** Every query of the offers feature sits under `offerKeys.all`. */
export const offerKeys = {
  all: ['offers'] as const,
  lists: () => [...offerKeys.all, 'list'] as const,
  list: (query: OfferListQuery) => [...offerKeys.lists(), query] as const,
  detail: (id: string) => [...offerKeys.all, 'detail', id] as const,
  awaiting: () => [...offerKeys.all, 'awaiting'] as const,
};
