/**
 * Addresses of other screens this feature links to. The client page and the queue are the queue
 * feature's (`/care/clients/:id`, `/care/queue`); their addresses are kept here in one place.
 */
export const clientHref = (clientId: string) => `/care/clients/${clientId}`;
export const queueHref = (params: Record<string, string> = {}) => {
  const search = new URLSearchParams(params).toString();
  return `/care/queue${search ? `?${search}` : ''}`;
};
export const vacancyHref = (vacancyId: string, entryId?: string) =>
  `/care/vacancies/${vacancyId}${entryId ? `?entry=${entryId}` : ''}`;
export const offerHref = (offerId: string) => `/care/offers/${offerId}`;
export const unitHref = (unitId: string) => `/care/units/${unitId}`;
