// Benchmark of the vacancy board API (issue 4).
//
//   pnpm bench:care                                   bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:care   an existing server (a scratch database is created)
//
// Seeds the demo registry (40 providers, 150 units, about 5 000 places) plus 10 000 historical
// vacancies (filled and withdrawn over three years), then times the board over real HTTP.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDb } from '../src/db/client.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { seedCareDemo } from '../src/seed/care-demo.ts';
import { json, runBenchmark, time } from './harness.ts';

const HISTORICAL = Number(process.env.BENCH_VACANCIES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

await runBenchmark(async ({ databaseUrl, startApi }) => {
  const { db, pool } = createDb(databaseUrl, 2);
  const started = performance.now();
  await seedCareDemo(db);
  await pool.end();
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  await client.query(
    `INSERT INTO users (username, password_hash, display_name, email, roles)
     VALUES ('bench', $1, 'Bench Coordinator', 'bench@example.test', '{care_coordinator}')`,
    [await hashPassword('bench-password-123')],
  );
  // Historical vacancies spread over three years across every unit and its service types.
  await client.query(
    `WITH c AS (SELECT unit_id, service_type_id, row_number() OVER (ORDER BY unit_id, service_type_id) - 1 AS n,
                       count(*) OVER () AS total FROM care_capacity)
     INSERT INTO vacancies (unit_id, service_type_id, available_from, status, reported_at, status_changed_at, withdrawn_reason)
     SELECT c.unit_id, c.service_type_id, current_date - (i % 1095), (CASE WHEN i % 5 = 0 THEN 'withdrawn' ELSE 'filled' END)::vacancy_status,
            now() - make_interval(days => i % 1095), now() - make_interval(days => i % 1095) + interval '9 days',
            CASE WHEN i % 5 = 0 THEN 'Asukas palasi' END
       FROM generate_series(1, $1) i JOIN c ON c.n = i % c.total`,
    [HISTORICAL],
  );
  await client.query('ANALYZE');
  const counts = (
    await client.query<{ units: number; places: number; open: number; all: number }>(
      `SELECT (SELECT count(*)::int FROM care_units) AS units, (SELECT sum(max_capacity)::int FROM care_capacity) AS places,
              (SELECT count(*)::int FROM vacancies WHERE status = 'open') AS open, (SELECT count(*)::int FROM vacancies) AS all`,
    )
  ).rows[0]!;
  const ids = (
    await client.query<{ st: string; tag: string }>(
      `SELECT (SELECT id FROM service_types WHERE code = 'service_housing_24h') AS st, (SELECT id FROM care_tags WHERE code = 'dementia_secure') AS tag`,
    )
  ).rows[0]!;
  await client.end();
  console.log(
    `Seeded ${counts.units} units, ${counts.places} places, ${counts.open} open and ${counts.all} vacancies in all in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const api = await startApi('bench', 'bench-password-123');
  const rows = (_r: Response, b: ArrayBuffer) => `${json<{ total: number }>(b).total} rows`;
  console.log(`\nVacancy board over real HTTP, ${RUNS} runs each after 2 warm-ups:`);
  await time(api, 'open places, longest empty first', '/care/vacancies', RUNS, rows);
  await time(
    api,
    '24-hour service housing, dementia tag',
    `/care/vacancies?serviceTypeId=${ids.st}&tagId=${ids.tag}`,
    RUNS,
    rows,
  );
  await time(
    api,
    'purchased, empty 7+ days',
    '/care/vacancies?providerKind=purchased&minAgeDays=7',
    RUNS,
    rows,
  );
  await time(api, 'Swedish-language care', '/care/vacancies?language=sv', RUNS, rows);
  await time(
    api,
    'history: filled and withdrawn, page 1',
    '/care/vacancies?status=filled&status=withdrawn',
    RUNS,
    rows,
  );
  await time(
    api,
    'history: filled and withdrawn, page 100',
    '/care/vacancies?status=filled&status=withdrawn&page=100',
    RUNS,
    rows,
  );
});
