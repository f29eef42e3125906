import type { OfferListQuery } from '@civic/shared/queue';

/** Query keys of the offers feature (vacancy page, offers, Today, waiting prices). */
export const offerKeys = {
  all: ['offers'] as const,
  vacancy: (id: string) => [...offerKeys.all, 'vacancy', id] as const,
  /** Every length of one place's candidate list. */
  candidatesOf: (vacancyId: string) => [...offerKeys.all, 'candidates', vacancyId] as const,
  candidates: (vacancyId: string, limit: number) => [...offerKeys.candidatesOf(vacancyId), limit] as const,
  unitOpenVacancies: (unitId: string, serviceTypeId: string) =>
    [...offerKeys.all, 'unit-open-vacancies', unitId, serviceTypeId] as const,
  liveOffers: (unitId: string) => [...offerKeys.all, 'live-offers', unitId] as const,
  offer: (id: string) => [...offerKeys.all, 'offer', id] as const,
  list: (query: OfferListQuery) => [...offerKeys.all, 'list', query] as const,
  units: () => [...offerKeys.all, 'units'] as const,
  today: () => [...offerKeys.all, 'today'] as const,
  waitingPrices: () => [...offerKeys.all, 'waiting-prices'] as const,
};
