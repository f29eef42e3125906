// Benchmark of the reporting API (issue 12).
//
//   pnpm bench:reports                                   bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:reports   an existing server (a scratch database is created)
//
// Seeds the demo registry (150 units) and three years of history (20 000 placements, 60 000
// offers, 200 000 capacity changes, 30 000 key agreements), then times every report endpoint over
// real HTTP: median and p95 of BENCH_RUNS runs after 2 warm-ups. The aim is under 150 ms median.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { addDays, helsinkiToday } from '@civic/shared/keys';
import { lastEndedHalfYear } from '@civic/shared/care-figures';
import { createDb } from '../src/db/client.ts';
import { seedCareDemo } from '../src/seed/care-demo.ts';
import { FULL_HISTORY, generateHistory } from '../src/seed/history.ts';
import { createBenchUser, json, runBenchmark, time } from './harness.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

await runBenchmark(async ({ databaseUrl, startApi }) => {
  const { db, pool } = createDb(databaseUrl, 2);
  const started = performance.now();
  await seedCareDemo(db);
  await pool.end();
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  await createBenchUser(client, ['care_viewer', 'key_coordinator']);
  await generateHistory(client, FULL_HISTORY);
  const counts = (
    await client.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM placement_offers WHERE status = 'moved_in') AS placements,
              (SELECT count(*)::int FROM placement_offers) AS offers, (SELECT count(*)::int FROM capacity_history) AS changes,
              (SELECT count(*)::int FROM vacancies) AS vacancies, (SELECT count(*)::int FROM queue_entries) AS entries,
              (SELECT count(*)::int FROM key_agreements) AS agreements`,
    )
  ).rows[0]!;
  const district = (
    await client.query<{ d: string }>(
      `SELECT district AS d FROM care_units GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    )
  ).rows[0]!.d;
  await client.end();
  console.log(
    `Seeded ${counts.placements} placements, ${counts.offers} offers, ${counts.changes} capacity changes, ${counts.vacancies} vacancies, ` +
      `${counts.entries} queue entries and ${counts.agreements} key agreements in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const api = await startApi('bench', 'bench-password-123');
  const today = helsinkiToday();
  const year = `from=${addDays(today, -364)}&to=${today}`;
  const all = `from=${addDays(today, -3 * 365)}&to=${today}`;
  const groups = (_r: Response, b: ArrayBuffer) => `${json<{ rows: unknown[] }>(b).rows.length} rows`;
  const half = lastEndedHalfYear(today);

  console.log(`\nReports over real HTTP, ${RUNS} runs each after 2 warm-ups:`);
  const care = '/reports/care/figures';
  await time(api, 'care figures, last 12 months, total', `${care}?${year}`, RUNS, groups);
  for (const g of ['providerKind', 'provider', 'unit', 'district', 'serviceType', 'month'])
    await time(api, `care figures, last 12 months, by ${g}`, `${care}?${year}&groupBy=${g}`, RUNS, groups);
  await time(api, 'care figures, 3 years, by month', `${care}?${all}&groupBy=month`, RUNS, groups);
  await time(
    api,
    'care figures, purchased in one district, by unit',
    `${care}?${year}&groupBy=unit&providerKind=purchased&district=${encodeURIComponent(district)}`,
    RUNS,
    groups,
  );
  await time(
    api,
    'waiting times (§26), last half-year',
    `/reports/care/waiting-times?year=${half.year}&half=${half.half}`,
    RUNS,
    groups,
  );
  await time(api, 'care figures by unit, CSV', `${care}/export?${year}&groupBy=unit&format=csv`, RUNS);
  await time(api, 'care figures by unit, XLSX', `${care}/export?${year}&groupBy=unit&format=xlsx`, RUNS);
  for (const g of ['site', 'association', 'season'])
    await time(
      api,
      `keys figures, 3 years, by ${g}`,
      `/reports/keys/figures?${all}&groupBy=${g}`,
      RUNS,
      groups,
    );
  await time(
    api,
    'keys figures by association, XLSX',
    `/reports/keys/figures/export?${all}&groupBy=association&format=xlsx`,
    RUNS,
  );
});
