import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ImportJob } from '@civic/shared/imports';
import { AppError, notFound } from '../../lib/errors.ts';
import { problemBody } from '../../plugins/app/errors.ts';
import * as repo from './repo.ts';

/** An import that has not finished by then answers 202 with its job instead of waiting. */
export const ANSWER_WITHIN_MS = 2000;
/** Rows the answer lists at most; `rowCount` tells how many problems there were. */
export const MAX_LISTED_ROWS = 1000;
/** A running import that has not reported progress for this long was cut off (its process died). */
const STALE_AFTER_SECONDS = 120;

export interface RowProblem {
  /** In a CSV file the line, counting the header as line 1; in JSON the 1-based row number. */
  line: number;
  field: string;
  message: string;
}

/** One bad row refuses the whole file: every problem by line (the first thousand listed). */
export function rowsRefused(rows: RowProblem[]) {
  const listed = rows.slice(0, MAX_LISTED_ROWS);
  return new AppError(
    422,
    'validation_failed',
    `${rows.length} problem(s) in the import; nothing was imported`,
    {
      errors: listed.slice(0, 100).map((e) => ({ field: `/rows/${e.line}/${e.field}`, message: e.message })),
      rows: listed,
      ...(rows.length > listed.length ? { rowCount: rows.length } : {}),
    },
  );
}

/** Lets other requests run between chunks of a long synchronous loop. */
export const yieldToOthers = () => nextTurn();

/** Progress of the import being run: report rows done; written at most twice a second. */
export type Progress = (processedRows: number) => Promise<void>;

// By database handle: the same object in every plugin context of one app.
const running = new WeakMap<object, Set<Promise<unknown>>>();

/** Waits for imports still running in the background, so a clean stop does not cut them off. */
export async function settleImports(app: FastifyInstance) {
  await Promise.allSettled([...(running.get(app.db) ?? [])]);
}

/**
 * Runs an import with a job row beside it. The work runs in its own transaction (all rows or
 * none) and reports progress, which is written on another connection so any instance can show it.
 * Finished within `ANSWER_WITHIN_MS`: the import's own answer (its result, or its refusal
 * thrown). Longer: `{ job }`, for a 202, and the work goes on; its outcome lands in the job.
 */
export async function runImport<T extends Record<string, unknown>>(
  request: FastifyRequest,
  kind: string,
  totalRows: number,
  work: (progress: Progress) => Promise<T>,
): Promise<{ result: T } | { job: ImportJob }> {
  const app = request.server;
  const principal = request.principal!;
  const id = await repo.insertJob(app.db, {
    kind,
    totalRows,
    actorUserId: principal.kind === 'user' ? principal.id : null,
    actorClientId: principal.kind === 'client' ? principal.id : null,
  });
  let lastWrite = Date.now();
  const progress: Progress = async (processed) => {
    if (Date.now() - lastWrite < 500) return;
    lastWrite = Date.now();
    await repo.recordProgress(app.db, id, processed);
  };
  const outcome = work(progress).then(
    async (result) => {
      await repo.finishJob(app.db, id, 'succeeded', { result, processedRows: totalRows });
      return { result };
    },
    async (err: unknown) => {
      const problem =
        err instanceof AppError
          ? problemBody(request, err.status, err.code, err.message, err.extra)
          : problemBody(request, 500, 'internal_error');
      if (!(err instanceof AppError)) request.log.error({ err }, 'import failed');
      await repo.finishJob(app.db, id, 'failed', { problem });
      throw err;
    },
  );
  const set = running.get(app.db) ?? new Set();
  running.set(app.db, set);
  const tracked = outcome.catch(() => {}).finally(() => set.delete(tracked));
  set.add(tracked);

  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ANSWER_WITHIN_MS);
  });
  try {
    const first = await Promise.race([outcome, late]);
    if (first !== 'late') return first;
  } finally {
    clearTimeout(timer);
  }
  return { job: (await getImportJob(request, id))! };
}

/** The caller's own import (anyone else's answers 404). */
export async function getImportJob(request: FastifyRequest, id: string): Promise<ImportJob> {
  const principal = request.principal!;
  const row = await repo.findJob(request.server.db, id, {
    userId: principal.kind === 'user' ? principal.id : null,
    clientId: principal.kind === 'client' ? principal.id : null,
  });
  if (!row) throw notFound('Import');
  if (row.status === 'running' && row.secondsSinceUpdate > STALE_AFTER_SECONDS) {
    // The process running it stopped; its transaction was rolled back with it.
    const problem = problemBody(
      request,
      500,
      'internal_error',
      'The import was cut off; nothing was imported',
    );
    await repo.finishJob(request.server.db, id, 'failed', { problem });
    return getImportJob(request, id);
  }
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    result: row.result ?? null,
    problem: row.problem ?? null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The import's answer: its own result at once, or 202 with the job and where to follow it. */
export function answerImport<T>(
  reply: FastifyReply,
  outcome: { result: T } | { job: ImportJob },
  status: 200 | 201,
) {
  if ('job' in outcome) {
    return reply.code(202).header('location', `/api/v1/imports/${outcome.job.id}`).send(outcome.job);
  }
  return reply.code(status).send(outcome.result);
}
