import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { isDatabaseUnavailable } from '../src/plugins/app/db.ts';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

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
