import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite, createTestApp, userWithToken, type TestApp } from './helpers.ts';

/** Big imports: all rows or none, problems by line, other requests served meanwhile, progress shown. */
let t: TestApp;
let coordinator: Awaited<ReturnType<typeof userWithToken>>;
beforeAll(async () => {
  t = await createTestApp();
  coordinator = await userWithToken(t, { roles: ['key_coordinator'] });
});
afterAll(() => t.close());

const keyCsv = (rows: number, prefix: string, bad?: number) => {
  const lines = ['code;opens;key_set'];
  for (let i = 0; i < rows; i++)
    lines.push(i === bad ? 'not a code!;Door;' : `${prefix}${i};Door ${i};Set ${i % 7}`);
  return `${lines.join('\n')}\n`;
};

async function importKeys(siteId: string, csv: string) {
  return t
    .http()
    .post(`/api/v1/sites/${siteId}/keys/import`)
    .set('authorization', coordinator.auth)
    .set('content-type', 'text/csv')
    .send(csv);
}

/** Follows a 202 to the import's end; returns every job state seen on the way. */
async function follow(location: string, auth = coordinator.auth) {
  const seen: { status: string; processedRows: number; result: unknown; problem: unknown }[] = [];
  for (;;) {
    const res = await t.http().get(location).set('authorization', auth);
    expect(res.status).toBe(200);
    seen.push(res.body);
    if (res.body.status !== 'running') return seen;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('key CSV import of 100 000 rows', () => {
  it(
    'imports every row without holding up other requests, with progress to follow',
    { timeout: 180_000 },
    async () => {
      const site = await createSite(t);
      let worst = 0;
      let stop = false;
      // Another user's requests while the import runs: none may wait long.
      const pinger = (async () => {
        while (!stop) {
          const started = performance.now();
          const res = await t.http().get('/api/health');
          expect(res.status).toBe(200);
          worst = Math.max(worst, performance.now() - started);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const res = await importKeys(site.id, keyCsv(100_000, 'K'));
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.headers.location).toBe(`/api/v1/imports/${res.body.id}`);
      expect(res.body).toMatchObject({ kind: 'keys', status: 'running', totalRows: 100_000 });
      const seen = await follow(res.headers.location!);
      stop = true;
      await pinger;
      const last = seen[seen.length - 1]!;
      expect(last).toMatchObject({
        status: 'succeeded',
        processedRows: 100_000,
        result: { created: 100_000 },
      });
      // Progress moved while the rows were written.
      expect(
        seen.some((s) => s.status === 'running' && s.processedRows > 0 && s.processedRows < 100_000),
      ).toBe(true);
      const [{ n }] = (await t.sql<{ n: string }>(`SELECT count(*) AS n FROM keys WHERE site_id = $1`, [
        site.id,
      ])) as [{ n: string }];
      expect(Number(n)).toBe(100_000);
      // Generous: CI machines are busy. The import's own longest synchronous step is ~50 ms (bench:imports).
      expect(worst).toBeLessThan(1500);
      // Someone else cannot read the job.
      const other = await userWithToken(t, { roles: ['key_coordinator'] });
      expect((await t.http().get(res.headers.location!).set('authorization', other.auth)).status).toBe(404);
    },
  );

  it(
    'imports nothing when one row of 100 000 is wrong, and names its line',
    { timeout: 120_000 },
    async () => {
      const site = await createSite(t);
      const res = await importKeys(site.id, keyCsv(100_000, 'B', 73_455));
      const problem = res.status === 202 ? (await follow(res.headers.location!)).pop()!.problem : res.body;
      expect(res.status === 202 || res.status === 422).toBe(true);
      expect(problem).toMatchObject({
        status: 422,
        code: 'validation_failed',
        rows: [{ line: 73_457, field: 'code', message: 'invalid_format' }],
      });
      expect(await t.sql(`SELECT 1 FROM keys WHERE site_id = $1`, [site.id])).toHaveLength(0);
    },
  );

  it('lists the first thousand problems of a file full of them, and says how many', async () => {
    const site = await createSite(t);
    const csv = `code;opens\n${Array.from({ length: 5000 }, (_, i) => `X${i};`).join('\n')}\n`;
    const res = await importKeys(site.id, csv);
    expect(res.status).toBe(422);
    expect(res.body.rows).toHaveLength(1000);
    expect(res.body.rowCount).toBe(5000);
    expect(JSON.stringify(res.body).length).toBeLessThan(100_000);
  });
});

describe('care queue import on the same mechanism', () => {
  it(
    'imports a long CSV all at once, followed through its job when it takes long',
    { timeout: 180_000 },
    async () => {
      const coordinatorQ = await userWithToken(t, { roles: ['care_coordinator'] });
      const CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
      const hetu = (n: number) => {
        const d = String((n % 28) + 1).padStart(2, '0');
        const m = String((Math.floor(n / 28) % 12) + 1).padStart(2, '0');
        const num = String(Math.floor(n / 336) + 2).padStart(3, '0');
        return `${d}${m}41-${num}${CHECK[Number(`${d}${m}41${num}`) % 31]}`;
      };
      const rows = 1500;
      const csv = [
        'source_id;personal_identity_code;first_name;last_name;language;waiting_setting;waiting_place;needs;service_type;decision_date;ready_date;urgency;preferred_districts;contact_name;contact_phone',
        ...Array.from(
          { length: rows },
          (_, i) => `L${i};${hetu(i)};Aili;Virtanen${i};fi;home;;;service_housing_24h;2026-01-15;;normal;;;`,
        ),
      ].join('\n');
      const res = await t
        .http()
        .post('/api/v1/care/queue/import.csv?sourceSystem=long')
        .set('authorization', coordinatorQ.auth)
        .type('text/csv')
        .send(csv);
      expect([200, 202]).toContain(res.status);
      const result =
        res.status === 202
          ? (await follow(res.headers.location!, coordinatorQ.auth)).pop()!.result
          : res.body;
      expect(result).toEqual({ created: rows, updated: 0, unchanged: 0 });
      const [{ n }] = (await t.sql<{ n: string }>(
        `SELECT count(*) AS n FROM queue_entries WHERE source_system = 'long'`,
      )) as [{ n: string }];
      expect(Number(n)).toBe(rows);
    },
  );
});
