import type { ImportResult } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { useQueueMutation } from './use-queue-mutation.ts';

/** The file goes as its bytes, so the API can point at a line that is not UTF-8. */
export const importQueueCsv = ({ file, sourceSystem }: { file: Blob; sourceSystem: string }) =>
  api.post<ImportResult>('/care/queue/import.csv', file, {
    contentType: 'text/csv',
    query: { sourceSystem },
  });

/** Imports clients and entries from a CSV file: every row or none. */
export const useImportQueue = () => useQueueMutation(importQueueCsv);
