import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { isDatabaseUnavailable } from '../src/plugins/app/db.ts';
import { createTestApp, type TestApp } from './helpers.ts';

const LOSE_DATABASE_JOB = 'test.lose-database';
let t: TestApp;
let databaseName = '';
/** A statement on the server's admin database: the test database may refuse connections. */
async function onServer<T extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: inject('adminUrl') });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
beforeAll(async () => {
  t = await createTestApp(
    { JOBS_ENABLED: true },
    {
      beforeReady: (app) =>
        app.jobs.define({
          name: LOSE_DATABASE_JOB,
          // While this job runs the database goes away: no new connections, pg-boss's own ended.
          handler: async () => {
            await onServer(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS false`);
            await onServer(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
               WHERE datname = $1 AND application_name = 'civic-jobs'`,
              [databaseName],
            );
            return {};
          },
        }),
    },
  );
  databaseName = new URL(t.config.DATABASE_URL).pathname.slice(1);
});
afterAll(async () => {
  await onServer(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS true`).catch(() => {});
  await t.close();
});

describe('a connection lost inside a transaction', () => {
  it('is told as the database being unavailable (503), not as an internal error', async () => {
    // The backend is ended between two statements of a transaction, as when the postmaster is
    // killed. The client has then seen the connection fail; the next statement and drizzle's
    // ROLLBACK both fail with "… is not queryable", which has no code (found by `pnpm
    // bench:crash`: 500 answers while PostgreSQL was killed under write load).
    const err: unknown = await t.db
      .transaction(async (tx) => {
        const { rows } = await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
        await t.sql('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((r) => setTimeout(r, 300));
        await tx.execute(sql`SELECT 1`);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String((err as Error).message)).toMatch(/rollback/i);
    expect(isDatabaseUnavailable(err)).toBe(true);
    // The pool let the broken client go: the next request works.
    expect((await t.http().get('/api/ready')).status).toBe(200);
  });
});

describe('the database lost while a job runs', { timeout: 30_000 }, () => {
  it('leaves no unhandled rejection (which would stop the server) when the job’s end cannot be recorded', async () => {
    // pg-boss 10 did not wait for or catch recording a job's completion: with the database gone
    // that was an unhandled rejection, and the server stopped itself (found by `pnpm bench:crash`:
    // a kill -9 of PostgreSQL took the API down with it). Patched in patches/pg-boss@10.4.2.patch.
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const { rows } = await t.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'civic-jobs'`,
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
      t.app.jobs.kick(LOSE_DATABASE_JOB);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const [row] = await onServer<{ allowed: boolean }>(
          `SELECT datallowconn AS allowed FROM pg_database WHERE datname = $1`,
          [databaseName],
        );
        if (!row!.allowed) break;
        if (Date.now() > deadline) throw new Error('the job did not run');
        await new Promise((r) => setTimeout(r, 100));
      }
      // The completion is attempted right after the handler returns.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      await onServer(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS true`).catch(() => {});
    }
  });
});
