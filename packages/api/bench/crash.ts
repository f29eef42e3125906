// Crash figures: the product under write load, killed with SIGKILL again and again.
//
//   pnpm bench:crash                                   5 kills of the API, 5 of PostgreSQL, temporary DATA_DIR
//   BENCH_KILLS=10 BENCH_WRITERS=16 pnpm bench:crash   more of each
//   BENCH_PORT=3430 BENCH_PG_PORT=54430 BENCH_DATA_DIR=/tmp/x pnpm bench:crash
//   BENCH_LOGGING_COLLECTOR=1 pnpm bench:crash         the bundled server with logging_collector = on
//   BENCH_API_LOG=/tmp/api.log pnpm bench:crash        keep what the API processes printed
//
// The real server entry (`src/server.ts`) runs on the bundled PostgreSQL in its own DATA_DIR and
// ports, as `pnpm start` runs it. Writers create key sites through the API (`POST /api/v1/sites`:
// the site and its audit row in one transaction) and remember every id answered 201. Then, in turn:
//   (a) the API process is killed (kill -9) and started again, as a supervisor would; its bundled
//       PostgreSQL, left running, is found and stopped by the new process before it starts its own;
//   (b) the PostgreSQL postmaster is killed (kill -9); the running API must bring it back by itself.
// Each time, the seconds until GET /api/ready answers 200 again. At the end every acknowledged
// write is looked up in the database. Printed: kills, acknowledged writes, lost writes, 503
// answers, other 5xx answers (must be 0), writes committed whose answer never arrived, and the
// seconds to ready (median, max).
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { freePort } from '../src/lib/free-port.ts';
import { hashPassword } from '../src/lib/passwords.ts';

const KILLS = Number(process.env.BENCH_KILLS ?? 5);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
/** Load before each kill, so the kill lands on writes in flight. */
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 3);
const READY_TIMEOUT_MS = 120_000;
const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PASSWORD = 'crash-bench-password-1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Tally {
  acknowledged: string[];
  status503: number;
  other5xx: { status: number; body: string }[];
  other4xx: number;
  noAnswer: number;
}
const newTally = (): Tally => ({ acknowledged: [], status503: 0, other5xx: [], other4xx: 0, noAnswer: 0 });

async function main() {
  const port = Number(process.env.BENCH_PORT ?? (await freePort()));
  const pgPort = Number(process.env.BENCH_PG_PORT ?? (await freePort()));
  const ownDataDir = !process.env.BENCH_DATA_DIR;
  const dataDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'civic-crash-'));
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    JWT_SECRET: 'crash-bench-secret-that-is-long-enough-0123',
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    SEED_DEMO_DATA: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'error',
    STAFF_WEB_DIST: '/nonexistent',
    PORTAL_DIST: '/nonexistent',
  };

  let api: ChildProcess | null = null;
  let apiLog = '';
  const startApi = () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: API_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (c: Buffer) => {
      apiLog = (apiLog + c.toString()).slice(-20_000);
      if (process.env.BENCH_API_LOG)
        appendFileSync(process.env.BENCH_API_LOG, `[${new Date().toISOString()}] ${c.toString()}`);
    };
    proc.stdout.on('data', keep);
    proc.stderr.on('data', keep);
    api = proc;
    return proc;
  };
  const waitReady = async (since: number) => {
    for (;;) {
      try {
        const res = await fetch(`${base}/api/ready`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) return (performance.now() - since) / 1000;
      } catch {
        /* not listening yet */
      }
      if (performance.now() - since > READY_TIMEOUT_MS) {
        throw new Error(
          `not ready within ${READY_TIMEOUT_MS / 1000} s; the API said:\n${apiLog.slice(-4000)}`,
        );
      }
      await sleep(50);
    }
  };

  /** The bench's own connection to the bundled server, waiting while it (re)starts. */
  const connectDb = async () => {
    const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/civic`;
    for (let attempt = 0; ; attempt++) {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        return client;
      } catch (err) {
        await client.end().catch(() => {});
        if (attempt > 100) throw err;
        await sleep(200);
      }
    }
  };
  // Names of this run's sites, so a DATA_DIR used before does not count.
  const run = `Crash ${Date.now().toString(36)}`;

  try {
    // First start: creates the cluster and migrates. logging_collector is set in the new cluster's
    // settings and the server restarted, so every later start and restart runs with it.
    startApi();
    const firstStart = await waitReady(performance.now());
    if (process.env.BENCH_LOGGING_COLLECTOR) {
      appendFileSync(path.join(dataDir, 'postgres/postgresql.conf'), '\nlogging_collector = on\n');
      api!.kill('SIGTERM');
      await new Promise((r) => api!.once('exit', r));
      startApi();
      await waitReady(performance.now());
    }
    console.log(
      `Started in ${firstStart.toFixed(1)} s (API on ${base}, PostgreSQL on ${pgPort}, ${dataDir}).`,
    );

    const db = await connectDb();
    const username = `crash-admin-${Date.now()}`;
    await db.query(
      `INSERT INTO users (username, password_hash, display_name, email, roles) VALUES ($1, $2, 'Crash admin', 'crash@example.test', '{admin}')`,
      [username, await hashPassword(PASSWORD)],
    );
    await db.end();
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };

    // The writers: each request a new site; 201 means acknowledged, and only then is it counted.
    let tally = newTally();
    let running = true;
    let n = 0;
    const writer = async (w: number) => {
      while (running) {
        const name = `${run} ${w}-${++n}`;
        const current = tally;
        try {
          const res = await fetch(`${base}/api/v1/sites`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
            body: JSON.stringify({ name, address: 'Kaatumistie 9', district: 'Kallio', department: 'Bench' }),
            signal: AbortSignal.timeout(30_000),
          });
          const body = await res.text();
          if (res.status === 201) current.acknowledged.push((JSON.parse(body) as { id: string }).id);
          else if (res.status === 503) current.status503++;
          else if (res.status >= 500) current.other5xx.push({ status: res.status, body: body.slice(0, 300) });
          else current.other4xx++;
          if (res.status !== 201) await sleep(50);
        } catch {
          current.noAnswer++;
          await sleep(50);
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));

    const results: { kind: 'api' | 'postgres'; seconds: number; tally: Tally }[] = [];
    const plan = Array.from({ length: KILLS * 2 }, (_, i): 'api' | 'postgres' =>
      i % 2 === 0 ? 'api' : 'postgres',
    );
    for (const kind of plan) {
      tally = newTally();
      await sleep(LOAD_SECONDS * 1000);
      const since = performance.now();
      if (kind === 'api') {
        const old = api!;
        const exited = new Promise((r) => old.once('exit', r));
        old.kill('SIGKILL');
        await exited;
        startApi();
      } else {
        const pid = Number(
          readFileSync(path.join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[0],
        );
        process.kill(pid, 'SIGKILL');
      }
      const seconds = await waitReady(since);
      // Keep the load on a moment after ready, so answers of the recovery count in this round.
      await sleep(500);
      results.push({ kind, seconds, tally });
      console.log(
        `kill -9 ${kind.padEnd(8)} ready again in ${seconds.toFixed(2).padStart(6)} s  ` +
          `acknowledged ${String(tally.acknowledged.length).padStart(5)}  503 ${String(tally.status503).padStart(4)}  ` +
          `other 5xx ${tally.other5xx.length}  no answer ${tally.noAnswer}`,
      );
    }
    running = false;
    await Promise.all(writers);

    // Every acknowledged write must be there.
    const check = await connectDb();
    const all = results.flatMap((r) => r.tally.acknowledged);
    const found = new Set(
      (await check.query<{ id: string }>('SELECT id FROM sites WHERE id = ANY($1::uuid[])', [all])).rows.map(
        (r) => r.id,
      ),
    );
    const [{ committed }] = (
      await check.query<{ committed: number }>(
        `SELECT count(*)::int AS committed FROM sites WHERE name LIKE $1`,
        [`${run} %`],
      )
    ).rows as [{ committed: number }];
    const chain = await check.query<{ ok: boolean }>(
      `SELECT bool_and(hash = audit_row_hash(a)) AS ok FROM audit_log a`,
    );
    await check.end();

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
    console.log(
      `\n${WRITERS} writers, ${LOAD_SECONDS} s of load before each kill${process.env.BENCH_LOGGING_COLLECTOR ? ', logging_collector = on' : ''}\n`,
    );
    console.log(
      '| process killed (kill -9) | kills | acknowledged writes | lost writes | 503 answers | other 5xx | no answer | seconds to ready (median / max) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    let lostTotal = 0;
    let other5xxTotal = 0;
    for (const kind of ['api', 'postgres'] as const) {
      const rows = results.filter((r) => r.kind === kind);
      const acked = rows.flatMap((r) => r.tally.acknowledged);
      const lost = acked.filter((id) => !found.has(id)).length;
      const other5xx = rows.flatMap((r) => r.tally.other5xx);
      lostTotal += lost;
      other5xxTotal += other5xx.length;
      const secs = rows.map((r) => r.seconds);
      console.log(
        `| ${kind === 'api' ? 'API process' : 'PostgreSQL postmaster'} | ${rows.length} | ${acked.length} | ${lost} | ` +
          `${rows.reduce((s, r) => s + r.tally.status503, 0)} | ${other5xx.length} | ${rows.reduce((s, r) => s + r.tally.noAnswer, 0)} | ` +
          `${median(secs).toFixed(1)} / ${Math.max(...secs).toFixed(1)} |`,
      );
      for (const e of other5xx.slice(0, 5)) console.log(`  ${e.status}: ${e.body}`);
    }
    console.log(
      `\nCommitted sites ${committed}, acknowledged ${all.length}: ${committed - all.length} committed whose answer was cut off (not lost: the caller could not know).` +
        `\nAudit chain intact: ${chain.rows[0]?.ok === true ? 'yes' : 'NO'}.`,
    );
    if (lostTotal > 0 || other5xxTotal > 0 || chain.rows[0]?.ok !== true) process.exitCode = 1;
  } catch (err) {
    console.error('Crash benchmark failed:', err);
    process.exitCode = 1;
  } finally {
    const last = api as ChildProcess | null;
    if (last && last.exitCode === null && last.signalCode === null) {
      const exited = new Promise((r) => last.once('exit', r));
      last.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
    }
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
