import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { integrationClients, users } from './auth.ts';

/**
 * One file import (keys, care queue) and how far it has got. The import itself runs in one
 * transaction (all rows or none); this row is written beside it on its own connection, so its
 * progress is visible to every API instance while the transaction is still open.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    status: text().$type<'running' | 'succeeded' | 'failed'>().notNull().default('running'),
    totalRows: integer().notNull(),
    processedRows: integer().notNull().default(0),
    result: jsonb().$type<Record<string, unknown>>(),
    /** The refusal as problem+json (its row list capped), when the import failed. */
    problem: jsonb().$type<Record<string, unknown>>(),
    actorUserId: uuid().references(() => users.id),
    actorClientId: uuid().references(() => integrationClients.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('import_jobs_created_idx').on(t.createdAt)],
);
