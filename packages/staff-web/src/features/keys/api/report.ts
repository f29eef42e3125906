import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Language } from '@civic/shared/common';
import type { KeyAgreementReport, KeyAgreementReportQuery } from '@civic/shared/keys';
import { api } from '../../../lib/api-client.ts';
import { keysQueryKeys } from './query-keys.ts';

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export const useReport = (query: KeyAgreementReportQuery) =>
  useQuery({
    queryKey: keysQueryKeys.report(query),
    queryFn: () => api.get<KeyAgreementReport>('/key-agreements', { query: query as Query }),
    placeholderData: keepPreviousData,
  });

/** The same filters as the table, so the file holds exactly what is on screen (all pages). */
export const exportReport = (query: KeyAgreementReportQuery, format: 'csv' | 'xlsx', lang: Language) => {
  const { page: _page, pageSize: _size, ...filters } = query;
  return api.download('/key-agreements/export', { query: { ...(filters as Query), format, lang } });
};
