import type { Language } from '@civic/shared/common';
import { api } from '../../../lib/api-client.ts';
import type { Query } from './query-keys.ts';

export type ReportKind = 'care/figures' | 'care/waiting-times' | 'keys/figures';

/** A report table as a file: the same filters as on screen. */
export const exportReport = (kind: ReportKind, query: object, format: 'csv' | 'xlsx', lang: Language) =>
  api.download(`/reports/${kind}/export`, { query: { ...(query as Query), format, lang } });
