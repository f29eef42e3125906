// The ceiling of the one audit-chain head: audited writes per second at 1, 4, 16 and 64 writers.
//
//   pnpm bench:audit                                   bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:audit   an existing server (a scratch database is created)
//   BENCH_SECONDS=10 pnpm bench:audit                  longer runs per level
//
// Every audit row takes the lock of the single `audit_chain_head` row (the trigger in migration
// 0001 numbers and hashes it), and holds it until its transaction commits: audited transactions
// commit one after another, however many instances or connections write. Three ways are measured
// at each level of concurrency, each for BENCH_SECONDS:
//   api:      writers call `POST /api/v1/sites` over real HTTP (site + its audit row, one
//             transaction, as the product writes; the API's pool is its default DATABASE_POOL_SIZE)
//   chain:    writers call `writeAudit` directly, one row per transaction, each on its own connection
//   no chain: the same row into a copy of `audit_log` without the trigger: what the head costs
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createDb } from '../src/db/client.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { SYSTEM_ACTOR, writeAudit } from '../src/plugins/app/audit.ts';
import { runBenchmark, type Api } from './harness.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,4,16,64').split(',').map(Number);

interface Result {
  writes: number;
  perSecond: number;
  median: number;
  p95: number;
  failed: number;
}

/** `writers` loops of `write` for SECONDS; each call timed. */
async function measure(
  writers: number,
  write: (writer: number, i: number) => Promise<void>,
): Promise<Result> {
  const samples: number[] = [];
  let failed = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        const t0 = performance.now();
        try {
          await write(w, i);
          samples.push(performance.now() - t0);
        } catch (err) {
          if (++failed === 1) console.error(err);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return {
    writes: samples.length,
    perSecond: samples.length / elapsed,
    median: p(0.5),
    p95: p(0.95),
    failed,
  };
}

await runBenchmark(async ({ databaseUrl, startApi }) => {
  const setup = new pg.Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query(
    `INSERT INTO users (username, password_hash, display_name, email, roles)
     VALUES ('bench', $1, 'Bench admin', 'bench@example.test', '{admin}')`,
    [await hashPassword('bench-password-123')],
  );
  await setup.query(`CREATE TABLE audit_bench_no_chain (LIKE audit_log INCLUDING DEFAULTS)`);
  const settings = await setup.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'wal_sync_method')`,
  );
  await setup.end();
  console.log(
    `PostgreSQL ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}; ${SECONDS} s per level\n`,
  );

  const api: Api = await startApi('bench', 'bench-password-123');
  const maxWriters = Math.max(...LEVELS);
  const { db, pool } = createDb(databaseUrl, maxWriters);
  const row = (w: number, i: number) => ({
    action: 'bench.audited_write',
    targetType: 'bench',
    targetId: `${w}-${i}`,
    metadata: { writer: w, i },
  });

  const ways: { label: string; write: (level: number) => (w: number, i: number) => Promise<void> }[] = [
    {
      label: 'api',
      write: (level) => async (w, i) => {
        const res = await fetch(`${api.base}/sites`, {
          method: 'POST',
          headers: { ...api.headers, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `Audit bench ${level}-${w}-${i}`,
            address: 'Mittarinkatu 1',
            district: 'Kallio',
            department: 'Bench',
          }),
        });
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`POST /sites: ${res.status}`);
      },
    },
    {
      label: 'chain',
      write: () => (w, i) => db.transaction((tx) => writeAudit(tx, SYSTEM_ACTOR, row(w, i))),
    },
    {
      label: 'no chain',
      write: () => async (w, i) => {
        await db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO audit_bench_no_chain
            (seq, actor_type, actor_label, action, target_type, target_id, metadata, prev_hash, hash)
            VALUES (0, 'system', 'system', 'bench.audited_write', 'bench', ${`${w}-${i}`},
                    ${JSON.stringify({ writer: w, i })}::jsonb, '', '')`);
        });
      },
    },
  ];

  const table: string[] = [];
  for (const level of LEVELS) {
    for (const way of ways) {
      const r = await measure(level, way.write(level));
      const line = `| ${String(level).padStart(2)} | ${way.label.padEnd(8)} | ${r.perSecond.toFixed(0).padStart(6)} | ${r.median.toFixed(1).padStart(6)} ms | ${r.p95.toFixed(1).padStart(6)} ms |${r.failed ? ` ${r.failed} failed` : ''}`;
      console.log(line);
      table.push(line);
    }
  }
  await pool.end();
  const verify = await fetch(`${api.base}/audit-log/verify`, { headers: api.headers });
  const verified = (await verify.json()) as Record<string, unknown>;

  console.log('\n| writers | way | writes/s | median | p95 |\n| --- | --- | --- | --- | --- |');
  for (const line of table) console.log(line);
  console.log(`\nChain verified after the run: ${JSON.stringify(verified)}`);
});
