// Benchmark of the key agreement report and its export (issue 3).
//
//   pnpm bench:keys                                   bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:keys   an existing server (a scratch database is created)
//
// Seeds 100 000 agreements (50 sites, 5 000 keys, 2 000 associations, 20 000 renters) with SQL, then
// times the report API over real HTTP for typical coordinator queries, and the export of 10 000 rows.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { hashPassword } from '../src/lib/passwords.ts';
import { json, runBenchmark, time } from './harness.ts';

const AGREEMENTS = Number(process.env.BENCH_AGREEMENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

await runBenchmark(async ({ databaseUrl, startApi }) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  const seedStarted = performance.now();
  const passwordHash = await hashPassword('bench-password-123');
  await client.query(
    `
    INSERT INTO users (username, password_hash, display_name, email, roles)
    VALUES ('bench', $1, 'Bench Coordinator', 'bench@example.test', '{key_coordinator}'),
           ('benchmanager', $1, 'Bench Manager', 'm@example.test', '{site_manager}')`,
    [passwordHash],
  );
  await client.query(`
    INSERT INTO agreement_templates (department, version, texts)
    VALUES ('*', 1, '{"fi":"Ehdot","sv":"Villkor","en":"Terms"}');
    INSERT INTO sites (name, address, district, department)
      SELECT 'Koulu ' || lpad(i::text, 2, '0'), 'Katu ' || i, 'Alue ' || (i % 10), 'Kasko' FROM generate_series(1, 50) i;
    INSERT INTO keys (site_id, code, opens)
      SELECT s.id, 'B' || lpad((row_number() OVER ())::text, 5, '0'), 'Ovi ' || k
        FROM sites s, generate_series(1, 100) k;
    INSERT INTO associations (name) SELECT 'Seura ' || i || ' ry' FROM generate_series(1, 2000) i;
    INSERT INTO renters (association_id, name, email, phone)
      SELECT (SELECT id FROM associations ORDER BY name OFFSET (i % 2000) LIMIT 1), 'Vuokraaja ' || i, 'r' || i || '@example.test', '040' || i
        FROM generate_series(1, 20000) i;`);
  // Agreements spread over 1 000 days, 100 a day; the newest 3 000 are still active and hold a key each.
  await client.query(
    `
    WITH s AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM sites),
         r AS (SELECT id, association_id, row_number() OVER (ORDER BY name) - 1 AS n FROM renters),
         u AS (SELECT id FROM users WHERE username = 'benchmanager'),
         t AS (SELECT id FROM agreement_templates LIMIT 1)
    INSERT INTO key_agreements (number, site_id, association_id, renter_id, handed_over_by, state, template_id, language, text,
                                expected_return_date, signing_method, created_at, signed_at, returned_at, ended_at)
    SELECT 'AS-B-' || lpad(i::text, 7, '0'), s.id, r.association_id, r.id, u.id,
           (CASE WHEN i > $1 - 3000 THEN 'active' WHEN i % 50 = 0 THEN 'cancelled' ELSE 'returned' END)::key_agreement_state,
           t.id, 'fi', 'Ehdot',
           (g.at + interval '20 days')::date,
           'in_person',
           g.at,
           g.at + interval '5 minutes',
           CASE WHEN i > $1 - 3000 THEN NULL ELSE g.at + interval '30 days' END,
           CASE WHEN i > $1 - 3000 THEN NULL ELSE g.at + interval '30 days' END
      FROM generate_series(1, $1) i
      -- Exactly 100 agreements a day, all within the same Helsinki day (12:00–13:39 local).
      CROSS JOIN LATERAL (SELECT ((((now() AT TIME ZONE 'Europe/Helsinki')::date) - (($1 - i) / 100))::timestamp + interval '10 hours'
                                  + make_interval(mins => i % 100)) AT TIME ZONE 'UTC' AS at) g
      JOIN s ON s.n = i % 50
      JOIN r ON r.n = i % 20000
      CROSS JOIN u CROSS JOIN t`,
    [AGREEMENTS],
  );
  // Each agreement had 1–2 keys of its site; active ones hold theirs (one key per active agreement).
  await client.query(`
    WITH a AS (SELECT id, site_id, state, row_number() OVER (PARTITION BY site_id ORDER BY created_at) AS n FROM key_agreements),
         k AS (SELECT id, site_id, row_number() OVER (PARTITION BY site_id ORDER BY code) - 1 AS n FROM keys)
    INSERT INTO key_agreement_keys (agreement_id, key_id, state, holding, returned_at)
    SELECT a.id, k.id,
           (CASE WHEN a.state = 'active' THEN 'out' WHEN a.state = 'cancelled' THEN 'released' ELSE 'returned' END)::agreement_key_state,
           a.state = 'active', NULL
      FROM a JOIN k ON k.site_id = a.site_id AND (k.n = a.n % 100 OR (a.n % 3 = 0 AND a.state <> 'active' AND k.n = (a.n + 50) % 100))`);
  await client.query(
    `UPDATE keys SET status = 'lent' WHERE id IN (SELECT key_id FROM key_agreement_keys WHERE holding)`,
  );
  await client.query('ANALYZE');
  const [{ n }] = (await client.query<{ n: string }>('SELECT count(*) AS n FROM key_agreements')).rows as [
    { n: string },
  ];
  const [{ k }] = (await client.query<{ k: string }>('SELECT count(*) AS k FROM key_agreement_keys'))
    .rows as [{ k: string }];
  console.log(
    `Seeded ${n} agreements with ${k} agreement keys in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  const sites = (await client.query<{ id: string }>('SELECT id FROM sites ORDER BY name LIMIT 5')).rows.map(
    (r) => r.id,
  );
  await client.end();

  const api = await startApi('bench', 'bench-password-123');
  const total = (_r: Response, b: ArrayBuffer) => `${json<{ total: number }>(b).total} rows`;

  console.log(`\nReport API over real HTTP, ${RUNS} runs each after 2 warm-ups:`);
  await time(
    api,
    'all agreements, newest first, page 1 (50 rows + summary)',
    '/key-agreements',
    RUNS,
    (r, b) => {
      if (json<{ total: number }>(b).total !== AGREEMENTS) throw new Error('wrong total');
      return total(r, b);
    },
  );
  await time(api, 'page 1 000 of all agreements', '/key-agreements?page=1000', RUNS, total);
  await time(
    api,
    '5 sites, sorted by renter',
    `/key-agreements?${sites.map((s) => `siteId=${s}`).join('&')}&sort=renter&order=asc`,
    RUNS,
    total,
  );
  await time(api, 'status active + overdue', '/key-agreements?state=active&due=overdue', RUNS, total);
  await time(
    api,
    'date range (one month)',
    `/key-agreements?from=${daysAgo(400)}&to=${daysAgo(370)}`,
    RUNS,
    total,
  );
  await time(api, 'search renter name "Vuokraaja 1234"', '/key-agreements?q=Vuokraaja%201234', RUNS, total);
  await time(api, 'search key code "B00042"', '/key-agreements?q=B00042', RUNS, total);

  console.log('\nExport of exactly 10 000 rows (100 days × 100 agreements):');
  const range = `from=${daysAgo(199)}&to=${daysAgo(100)}`; // 100 whole days
  const rows = (res: Response) => {
    if (res.headers.get('x-row-count') !== '10000')
      throw new Error(`expected 10000 rows, got ${res.headers.get('x-row-count')}`);
    return '10000 rows';
  };
  await time(api, 'CSV export, 10 000 rows', `/key-agreements/export?format=csv&${range}`, RUNS, rows);
  await time(api, 'XLSX export, 10 000 rows', `/key-agreements/export?format=xlsx&${range}`, RUNS, rows);
});

function daysAgo(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(
    new Date(Date.now() - days * 86_400_000),
  );
}
