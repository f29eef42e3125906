import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { dropDatabase } from '../src/db/drop-database.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { freePort } from '../src/lib/free-port.ts';
import { hashPassword } from '../src/lib/passwords.ts';

/**
 * What every benchmark needs: a migrated scratch database (on a throw-away bundled PostgreSQL, or
 * on BENCH_DATABASE_URL's server), the API listening on it, and median/p95 timing of HTTP calls.
 * `run` gets them; everything is removed afterwards, also when the benchmark fails.
 */
export async function runBenchmark(
  run: (ctx: {
    databaseUrl: string;
    startApi: (username: string, password: string) => Promise<Api>;
  }) => Promise<void>,
) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civic-bench-'));
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  let admin: pg.Client | null = null;
  const dbName = `${process.env.BENCH_DB_PREFIX ?? 'civic_bench'}_${Date.now()}`;
  const apps: { close(): Promise<void> }[] = [];
  try {
    embedded = process.env.BENCH_DATABASE_URL
      ? null
      : await startEmbeddedPostgres({
          dataDir,
          port: await freePort(),
          persistent: false,
        });
    const adminUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    const databaseUrl = url.toString();
    await runMigrations(databaseUrl);
    await run({
      databaseUrl,
      async startApi(username, password) {
        const config = loadConfig(
          {},
          {
            DATABASE_URL: databaseUrl,
            DATA_DIR: dataDir,
            JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
            SEED_DEMO_DATA: false,
            JOBS_ENABLED: false,
            RATE_LIMIT_PER_MINUTE: 1_000_000,
            // Timing requests, not shedding them.
            MAX_EVENT_LOOP_DELAY_MS: 0,
            STAFF_WEB_DIST: '/nonexistent',
            PORTAL_DIST: '/nonexistent',
          },
        );
        const app = await buildApp(config, { logger: false });
        apps.push(app);
        await app.listen({ host: '127.0.0.1', port: 0 });
        const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1`;
        const login = await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
        if (!login.ok) throw new Error(`login failed: ${login.status}`);
        const { accessToken } = (await login.json()) as { accessToken: string };
        return { base, headers: { authorization: `Bearer ${accessToken}` } };
      },
    });
  } catch (err) {
    console.error('Benchmark failed:', err);
    process.exitCode = 1;
  } finally {
    for (const app of apps) await app.close().catch(() => {});
    if (admin)
      await dropDatabase(admin, dbName).catch((err: unknown) =>
        console.error(`Could not drop the scratch database ${dbName}:`, err),
      );
    await admin?.end().catch(() => {});
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface Api {
  base: string;
  headers: Record<string, string>;
}

/**
 * Calls `path` `runs` times after two warm-ups and prints the median and p95; `check` sees every
 * answer (so a wrong result fails the benchmark instead of timing it).
 */
export async function time(
  api: Api,
  label: string,
  pathAndQuery: string,
  runs: number,
  check: (res: Response, body: ArrayBuffer) => string | void = () => {},
) {
  const samples: number[] = [];
  let note = '';
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    const res = await fetch(`${api.base}${pathAndQuery}`, { headers: api.headers });
    const body = await res.arrayBuffer();
    const elapsed = performance.now() - started;
    if (!res.ok)
      throw new Error(`${label}: HTTP ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
    note = check(res, body) ?? '';
    if (i >= 2) samples.push(elapsed);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  console.log(
    `${label.padEnd(58)} ${note.padStart(12)}   median ${p(0.5).toFixed(1).padStart(7)} ms   p95 ${p(0.95).toFixed(1).padStart(7)} ms`,
  );
}

export const json = <T>(body: ArrayBuffer) => JSON.parse(Buffer.from(body).toString()) as T;

/** The benchmark's own user (password `bench-password-123`), with the roles it needs. */
export async function createBenchUser(client: pg.Client, roles: string[]) {
  await client.query(
    `INSERT INTO users (username, password_hash, display_name, email, roles)
     VALUES ('bench', $1, 'Bench User', 'bench@example.test', $2)`,
    [await hashPassword('bench-password-123'), roles],
  );
}
