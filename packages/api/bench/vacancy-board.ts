// Benchmark of the vacancy board API (issue 4).
//
//   pnpm bench:care                      bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:care
//
// Seeds the demo registry (40 providers, 150 units, about 5 000 places) plus 10 000 historical
// vacancies (filled and withdrawn over three years), then times the board over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDb } from '../src/db/client.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { seedCareDemo } from '../src/seed/care-demo.ts';

const HISTORICAL = Number(process.env.BENCH_VACANCIES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civic-bench-'));
const embedded = process.env.BENCH_DATABASE_URL
  ? null
  : await startEmbeddedPostgres({
      dataDir,
      port: 54000 + Math.floor(Math.random() * 900),
      persistent: false,
    });
const adminUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
const dbName = `civic_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();

try {
  await runMigrations(databaseUrl);
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

  const config = loadConfig(
    {},
    {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
      SEED_DEMO_DATA: false,
      JOBS_ENABLED: false,
      RATE_LIMIT_PER_MINUTE: 1_000_000,
      STAFF_WEB_DIST: '/nonexistent',
      PORTAL_DIST: '/nonexistent',
    },
  );
  const app = await buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1`;
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench-password-123' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };

  async function time(label: string, query: string) {
    const samples: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/care/vacancies${query}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const body = (await res.json()) as { total: number };
      if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
      total = body.total;
      if (i >= 2) samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
    console.log(
      `${label.padEnd(48)} ${String(total).padStart(5)} rows   median ${p(0.5).toFixed(1).padStart(6)} ms   p95 ${p(0.95).toFixed(1).padStart(6)} ms`,
    );
  }

  console.log(`\nVacancy board over real HTTP, ${RUNS} runs each after 2 warm-ups:`);
  await time('open places, longest empty first', '');
  await time('24-hour service housing, dementia tag', `?serviceTypeId=${ids.st}&tagId=${ids.tag}`);
  await time(
    'purchased, empty 14+ days, 3 districts',
    '?providerKind=purchased&minAgeDays=14&district=Kallio&district=Malmi&district=Vuosaari',
  );
  await time('history: filled and withdrawn, page 1', '?status=filled&status=withdrawn');
  await time('history: filled and withdrawn, page 100', '?status=filled&status=withdrawn&page=100');
  await app.close();
} catch (err) {
  console.error('Benchmark failed:', err);
  process.exitCode = 1;
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.end();
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
