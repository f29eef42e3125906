import type { KeyAgreementReportQuery, KeyListQuery } from '@civic/shared/keys';

/** Query keys of the keys feature; mutations invalidate through these. */
export const keysQueryKeys = {
  all: ['keys'] as const,
  sites: (q?: string) => [...keysQueryKeys.all, 'sites', q ?? ''] as const,
  site: (id: string) => [...keysQueryKeys.all, 'site', id] as const,
  siteKeys: (siteId: string, query: KeyListQuery) =>
    [...keysQueryKeys.all, 'site-keys', siteId, query] as const,
  current: (siteId: string, q: string) => [...keysQueryKeys.all, 'current', siteId, q] as const,
  agreement: (id: string) => [...keysQueryKeys.all, 'agreement', id] as const,
  reports: () => [...keysQueryKeys.all, 'report'] as const,
  report: (query: KeyAgreementReportQuery) => [...keysQueryKeys.reports(), query] as const,
  key: (id: string) => [...keysQueryKeys.all, 'key', id] as const,
  lost: () => [...keysQueryKeys.all, 'lost'] as const,
  templates: () => [...keysQueryKeys.all, 'templates'] as const,
  signingMethods: () => [...keysQueryKeys.all, 'signing-methods'] as const,
  associations: (q: string) => [...keysQueryKeys.all, 'associations', q] as const,
  renters: (q: string, associationId?: string) =>
    [...keysQueryKeys.all, 'renters', q, associationId ?? ''] as const,
  signing: (token: string) => ['signing', token] as const,
};
