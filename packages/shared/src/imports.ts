import { Type, type Static } from 'typebox';
import { UuidSchema } from './common.ts';

/**
 * A file import that outlasted its request. Imports answer at once when they finish within a
 * couple of seconds (201/200, or 422 with the problems by line); a longer one answers
 * `202 Accepted` with this job, whose progress `GET /imports/{id}` shows until it has succeeded
 * (`result`, as the quick answer would have been) or failed (`problem`, as the 422 would have been,
 * with every problem by line). Either way all rows or none are imported.
 */
export const IMPORT_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const ImportJobSchema = Type.Object({
  id: UuidSchema,
  kind: Type.String({ description: '`keys` or `care_queue`' }),
  status: Type.Enum(IMPORT_STATUSES),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  result: Type.Unknown({ description: 'The import’s answer once it has succeeded, else null' }),
  problem: Type.Unknown({ description: 'The refusal (problem+json) once it has failed, else null' }),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ImportJob = Static<typeof ImportJobSchema>;
