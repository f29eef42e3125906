// Benchmark of the care queue API (issue 9).
//
//   pnpm bench:queue                                   bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:queue   an existing server (a scratch database is created)
//
// Seeds the demo registry (150 units, about 5 400 places, its open vacancies) and 5 000 waiting
// clients (BENCH_CLIENTS) with the demo's mix of needs, languages, preferences and couples, then
// times over real HTTP: candidates for a vacancy, vacancies for a client, the queue's first page
// and a filtered page. Every answer is checked, so a wrong result fails instead of being timed.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDb } from '../src/db/client.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { seedCareDemo } from '../src/seed/care-demo.ts';
import { seedDemoData } from '../src/seed/demo.ts';
import { seedQueueDemo } from '../src/seed/queue-demo.ts';
import { json, runBenchmark, time } from './harness.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

await runBenchmark(async ({ databaseUrl, startApi }) => {
  const started = performance.now();
  const { db, pool } = createDb(databaseUrl, 2);
  await seedDemoData(db);
  await seedCareDemo(db);
  await pool.end();
  // The queue's seed speaks through the app (for its live offers); here only the clients are needed.
  const seeder = await buildApp(
    loadConfig(
      {},
      {
        DATABASE_URL: databaseUrl,
        JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
        SEED_DEMO_DATA: false,
        JOBS_ENABLED: false,
        STAFF_WEB_DIST: '/x',
        PORTAL_DIST: '/x',
      },
    ),
    { logger: false },
  );
  await seeder.ready();
  await seedQueueDemo(seeder, { clients: CLIENTS, liveOffers: false });
  await seeder.close();

  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  await client.query(
    `INSERT INTO users (username, password_hash, display_name, email, roles)
     VALUES ('bench', $1, 'Bench Coordinator', 'bench@example.test', '{care_coordinator}')`,
    [await hashPassword('bench-password-123')],
  );
  await client.query('ANALYZE');
  const facts = (
    await client.query<{
      waiting: number;
      st: string;
      vacancy: string;
      entry: string;
      district: string;
      dementia: string;
    }>(`
      SELECT (SELECT count(*)::int FROM queue_entries WHERE status IN ('queued', 'offered', 'interim')) AS waiting,
             (SELECT id FROM service_types WHERE code = 'service_housing_24h') AS st,
             (SELECT v.id FROM vacancies v JOIN service_types st ON st.id = v.service_type_id
               WHERE v.status = 'open' AND st.code = 'service_housing_24h' ORDER BY v.available_from LIMIT 1) AS vacancy,
             (SELECT e.id FROM queue_entries e JOIN service_types st ON st.id = e.service_type_id JOIN care_clients c ON c.id = e.client_id
               WHERE e.status = 'queued' AND st.code = 'service_housing_24h' AND c.need_tag_ids = '{}' AND c.spouse_client_id IS NULL
               ORDER BY e.decision_date LIMIT 1) AS entry,
             (SELECT district FROM care_units ORDER BY district LIMIT 1) AS district,
             (SELECT id FROM care_tags WHERE code = 'dementia_secure') AS dementia`)
  ).rows[0]!;
  await client.end();
  console.log(
    `Seeded ${facts.waiting} waiting clients on the demo registry in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const api = await startApi('bench', 'bench-password-123');
  const total = (_r: Response, b: ArrayBuffer) => `${json<{ total: number }>(b).total} rows`;
  console.log(`\nQueue API over real HTTP, ${RUNS} runs each after 2 warm-ups:`);
  await time(
    api,
    'candidates for a vacancy (top 20 of all who fit)',
    `/care/vacancies/${facts.vacancy}/candidates`,
    RUNS,
    (_r, b) => {
      const body = json<{ total: number; candidates: unknown[] }>(b);
      if (!body.candidates.length) throw new Error('no candidates');
      return `${body.total} fit`;
    },
  );
  await time(
    api,
    'vacancies that fit a client',
    `/care/queue/entries/${facts.entry}/places`,
    RUNS,
    (_r, b) => {
      const places = json<unknown[]>(b);
      if (!places.length) throw new Error('no places');
      return `${places.length} fit`;
    },
  );
  await time(api, 'queue, page 1 (50, in queue order)', '/care/queue', RUNS, total);
  await time(
    api,
    'queue, filtered: 24 h, dementia, in hospital, district, late',
    `/care/queue?serviceTypeId=${facts.st}&needTagId=${facts.dementia}&waitingSetting=hospital&clockState=warning&clockState=critical&clockState=overdue`,
    RUNS,
    total,
  );
  await time(
    api,
    'queue, filtered by a district preference',
    `/care/queue?district=${encodeURIComponent(facts.district)}`,
    RUNS,
    total,
  );
});
