import { useQuery } from '@tanstack/react-query';
import type { PlaceMatch } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { queueKeys } from './query-keys.ts';

export const entryPlacesQueryOptions = (entryId: string, enabled = true) => ({
  queryKey: queueKeys.places(entryId),
  queryFn: () => api.get<PlaceMatch[]>(`/care/queue/entries/${entryId}/places`),
  enabled,
});

/** Open vacancies that fit a waiting entry, best first, each with why and what it lacks. */
export const useEntryPlaces = (entryId: string, enabled = true) =>
  useQuery(entryPlacesQueryOptions(entryId, enabled));
