import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditWriter, writeAudit, SYSTEM_ACTOR } from '../src/plugins/app/audit.ts';
import { createTestApp, userWithToken, type TestApp } from './helpers.ts';

let t: TestApp;
let adminAuth: string;
beforeAll(async () => {
  t = await createTestApp();
  adminAuth = (await userWithToken(t, { roles: ['admin'] })).auth;
});
afterAll(() => t.close());

const verify = async () =>
  (await t.http().get('/api/v1/audit-log/verify').set('authorization', adminAuth)).body;

/** What an attacker with database superuser access could do behind the app's back. */
async function tamper(statement: string) {
  await t.sql(`
    BEGIN;
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
    ${statement};
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
    COMMIT;`);
}

describe('audit log', () => {
  it('chains every row; concurrent writers keep a gapless, valid chain', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.db.transaction((tx) =>
          writeAudit(tx, SYSTEM_ACTOR, { action: 'test.concurrent', metadata: { i } }),
        ),
      ),
    );
    const rows = await t.sql<{ seq: string }>('SELECT seq FROM audit_log ORDER BY seq');
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    const result = await verify();
    expect(result).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(result.checkedRows).toBeGreaterThanOrEqual(41);
  });

  it('writes the rows of concurrent requests in shared inserts, each caller waiting for its own commit', async () => {
    const write = auditWriter(t.db);
    const before = Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM audit_log'))[0]!.n);
    const written: number[] = [];
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        await write(SYSTEM_ACTOR, { action: 'test.batched', metadata: { i } });
        // Committed by the time the promise settles: visible to any other connection.
        const seen = await t.sql<{ n: string }>(
          `SELECT count(*) AS n FROM audit_log WHERE action = 'test.batched' AND metadata->>'i' = '${i}'`,
        );
        written.push(Number(seen[0]!.n));
      }),
    );
    expect(written).toEqual(Array(60).fill(1));
    const rows = await t.sql<{ seq: string; i: string }>(
      `SELECT seq, metadata->>'i' AS i FROM audit_log WHERE action = 'test.batched' ORDER BY seq`,
    );
    // In the order asked for, gapless after what was there.
    expect(rows.map((r) => Number(r.i))).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 60 }, (_, i) => before + i + 1));
    expect((await verify()).ok).toBe(true);
  });

  it('fails only the request whose row cannot be stored when rows share an insert', async () => {
    const write = auditWriter(t.db);
    const results = await Promise.allSettled([
      write(SYSTEM_ACTOR, { action: 'test.batch_ok', metadata: { n: 1 } }),
      write(SYSTEM_ACTOR, { action: 'test.batch_ok', metadata: { n: 2 } }),
      write(SYSTEM_ACTOR, { action: 'test.batch_bad', subjectClientId: 'not-a-uuid' }),
      write(SYSTEM_ACTOR, { action: 'test.batch_ok', metadata: { n: 3 } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const ok = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'test.batch_ok'`,
    );
    expect(Number(ok[0]!.n)).toBe(3);
    expect((await verify()).ok).toBe(true);
  });

  it('is append-only for the application: UPDATE, DELETE and TRUNCATE fail', async () => {
    await expect(t.sql(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('rolls back with the change it records', async () => {
    const before = await t.sql<{ n: string }>('SELECT count(*) AS n FROM audit_log');
    await expect(
      t.db.transaction(async (tx) => {
        await writeAudit(tx, SYSTEM_ACTOR, { action: 'test.rolled_back' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const after = await t.sql<{ n: string }>('SELECT count(*) AS n FROM audit_log');
    // +1 for nothing: only the failed write happened in between, and it rolled back.
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await verify()).ok).toBe(true);
  });

  it('finds the first edited row', async () => {
    await tamper(`UPDATE audit_log SET metadata = '{"i": 999}' WHERE seq = 5`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: 'hash_mismatch' });
  });

  it('finds a deleted row by the broken link after it', async () => {
    const other = await createTestApp();
    try {
      for (let i = 0; i < 5; i++)
        await writeAudit(other.db, SYSTEM_ACTOR, { action: 'test.row', metadata: { i } });
      const admin = await userWithToken(other, { roles: ['admin'] });
      await other.sql(`
        BEGIN;
        ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
        DELETE FROM audit_log WHERE seq = 3;
        ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
        COMMIT;`);
      const res = await other.http().get('/api/v1/audit-log/verify').set('authorization', admin.auth);
      expect(res.body).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'broken_link' });
    } finally {
      await other.close();
    }
  });

  it('searches by action prefix and by the client the data concerns', async () => {
    const clientId = '11111111-1111-4111-8111-111111111111';
    await writeAudit(t.db, SYSTEM_ACTOR, {
      action: 'care_client.read',
      subjectClientId: clientId,
      purpose: 'matching',
    });
    const res = await t
      .http()
      .get('/api/v1/audit-log')
      .query({ subjectClientId: clientId })
      .set('authorization', adminAuth);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      action: 'care_client.read',
      purpose: 'matching',
      subjectClientId: clientId,
    });
    const prefix = await t
      .http()
      .get('/api/v1/audit-log')
      .query({ action: 'test.*', pageSize: 5 })
      .set('authorization', adminAuth);
    expect(prefix.body.items).toHaveLength(5);
    expect(prefix.body.items.every((e: { action: string }) => e.action.startsWith('test.'))).toBe(true);
    // The search itself was logged as an access to that client's data.
    const logged = await t.sql(
      `SELECT 1 FROM audit_log WHERE action = 'audit_log.searched' AND subject_client_id = $1`,
      [clientId],
    );
    expect(logged).toHaveLength(1);
  });
});
