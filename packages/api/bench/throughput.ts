// Throughput of the product against a bare twin, side by side in one run.
//
//   pnpm bench:throughput                                   bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:throughput   an existing server (a scratch database)
//
//   BENCH_SECONDS=15 BENCH_ROUNDS=2 BENCH_CONNECTIONS=50    length of each measurement, rounds, load
//   BENCH_ROWS=keys,health                                  only some rows (vacancies, keys, dashboard, health)
//   BENCH_PROFILE=/tmp/prof                                 also profile the product over the rounds and
//                                                           print its hottest frames (figures then lower)
//   BENCH_BARE_PREPARED=1                                   the twin runs its statements as named prepared
//                                                           statements too (the product does for its lists)
//
// Seeds the demo data as `pnpm start` does, then captures the SQL the product runs for each request
// (every statement sent through pg while the product answers it once in-process), and starts two
// servers in processes of their own on that database: the product (buildApp, JSON logs to
// /dev/null, rate limiter and load shedder on but set never to refuse) and its bare twin (Fastify
// + pg running the captured statements, minus the session check and the audit insert, with none of
// the product's hooks). autocannon drives them from this process over real HTTP, one at a time,
// alternating which goes first in each round, so both see the same machine state. Printed: median
// requests/s and p99 over the rounds, and the server's CPU per request (its process CPU time over
// the measurement divided by the requests answered).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { runBenchmark } from './harness.ts';
import { load, loadAverage, login, productEnv, seedDemo, startServer, type ServerProcess } from './load.ts';
import { summariseProfile } from './profile-summary.ts';
import type { BareRoute, CapturedStatement } from './server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** The twin prepares its statements too (named), as the product does for its hottest reads. */
const BARE_PREPARED = process.env.BENCH_BARE_PREPARED === '1';

interface Row {
  key: string;
  label: string;
  url: string;
  /** Who asks (a demo account), or nobody. */
  user: string | null;
}

const ALL_ROWS: Row[] = [
  {
    key: 'vacancies',
    label: 'vacancy board (GET /care/vacancies)',
    url: '/api/v1/care/vacancies',
    user: 'carecoord',
  },
  {
    key: 'keys',
    label: 'key report page 1 (GET /key-agreements?pageSize=50)',
    url: '/api/v1/key-agreements?pageSize=50',
    user: 'keycoord',
  },
  {
    key: 'dashboard',
    label: 'portal dashboard (GET /portal/dashboard)',
    url: '/api/v1/portal/dashboard',
    user: 'provideruser',
  },
  { key: 'health', label: 'GET /api/health vs a bare hello route', url: '/api/health', user: null },
];
const wanted = process.env.BENCH_ROWS?.split(',');
const ROWS = ALL_ROWS.filter((r) => !wanted || wanted.includes(r.key));

/** The per-request session check and the audit insert: what the bare twin leaves out. */
const SESSION_CHECK = /from "users" inner join "sessions"/i;
const AUDIT_INSERT = /^insert into "audit_log"/i;

/**
 * Every statement the product sends while answering each row's request once (in-process, through
 * pg's Client.query, so nothing is written by hand), grouped in steps of statements that were in
 * flight together.
 */
async function captureStatements(databaseUrl: string, dataDir: string) {
  // One request at a time, right after seeding: not a load to shed.
  const app = await buildApp(loadConfig(productEnv(databaseUrl, dataDir, { MAX_EVENT_LOOP_DELAY_MS: '0' })), {
    logger: false,
  });
  await app.ready();
  const tokens = new Map<string, string>();
  for (const user of new Set(ROWS.map((r) => r.user).filter((u): u is string => !!u))) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user, password: DEMO_PASSWORD },
    });
    tokens.set(user, res.json<{ accessToken: string }>().accessToken);
  }
  let steps: CapturedStatement[][] | null = null;
  let inFlight = 0;
  const original = pg.Client.prototype.query;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
    if (!steps) return original.apply(this, args as never);
    const config = args[0] as string | { text: string; values?: unknown[]; rowMode?: 'array' };
    const statement: CapturedStatement =
      typeof config === 'string'
        ? { text: config, values: Array.isArray(args[1]) ? args[1] : [] }
        : {
            text: config.text,
            values: config.values ?? (Array.isArray(args[1]) ? args[1] : []),
            ...(config.rowMode ? { rowMode: config.rowMode } : {}),
          };
    if (inFlight === 0 || !steps.length) steps.push([statement]);
    else steps[steps.length - 1]!.push(statement);
    inFlight++;
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...r: unknown[]) => {
        inFlight--;
        (callback as (...a: unknown[]) => void)(...r);
      };
      return original.apply(this, args as never);
    }
    const result = original.apply(this, args as never) as unknown as Promise<unknown>;
    result.then(
      () => inFlight--,
      () => inFlight--,
    );
    return result;
  } as typeof original;
  const routes: BareRoute[] = [];
  try {
    for (const row of ROWS) {
      if (!row.user) continue;
      steps = [];
      const res = await app.inject({
        method: 'GET',
        url: row.url,
        headers: { authorization: `Bearer ${tokens.get(row.user)}` },
      });
      const captured: CapturedStatement[][] = steps;
      steps = null;
      if (res.statusCode !== 200) throw new Error(`${row.url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      const all = captured.flat();
      const data = captured
        .map((step) => step.filter((s) => !SESSION_CHECK.test(s.text) && !AUDIT_INSERT.test(s.text)))
        .filter((step) => step.length);
      console.log(
        `${row.url}: ${all.length} statements (${all.filter((s) => SESSION_CHECK.test(s.text)).length} session check, ` +
          `${all.filter((s) => AUDIT_INSERT.test(s.text)).length} audit insert), ${data.flat().length} data statements ` +
          `in ${data.length} steps; answer ${(res.rawPayload.length / 1024).toFixed(1)} KB`,
      );
      routes.push({ url: row.url.split('?')[0]!, steps: data });
    }
  } finally {
    pg.Client.prototype.query = original;
    await app.close();
  }
  return routes;
}

interface Measured {
  reqPerSec: number;
  p99: number;
  cpuMsPerRequest: number;
}

async function measure(server: ServerProcess, row: Row, token: string | undefined, seconds: number) {
  const before = await server.sample();
  const result = await load(server.url, {
    connections: CONNECTIONS,
    seconds,
    requests: [{ method: 'GET', path: row.url, headers: token ? { authorization: `Bearer ${token}` } : {} }],
  });
  const after = await server.sample();
  if (result.failures) {
    const res = await fetch(`${server.url}${row.url}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    throw new Error(
      `${row.url}: ${result.failures} failed answers of ${result.requests}; now ${res.status} ${(await res.text()).slice(0, 300)}`,
    );
  }
  return {
    reqPerSec: result.reqPerSec,
    p99: result.p99,
    cpuMsPerRequest: (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, result.requests),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');
/** CPU per request: in µs below 0.1 ms (the health floor's 0.02 and 0.03 ms are 50 % apart). */
const cpu = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

await runBenchmark(async ({ databaseUrl }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civic-throughput-'));
  const servers: ServerProcess[] = [];
  let profile: string | null = null;
  try {
    let started = Date.now();
    await seedDemo(databaseUrl, dataDir);
    console.log(`Seeded the demo data in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const routes = await captureStatements(databaseUrl, dataDir);
    const statementsFile = path.join(dataDir, 'bare-statements.json');
    writeFileSync(statementsFile, JSON.stringify(routes));

    const env = productEnv(databaseUrl, dataDir);
    const product = await startServer('product', { ...env, ...(PROFILE_DIR ? { PROFILE_DIR } : {}) });
    servers.push(product);
    const bare = await startServer('bare', {
      ...env,
      BARE_STATEMENTS: statementsFile,
      ...(BARE_PREPARED ? { BARE_PREPARED: '1' } : {}),
    });
    servers.push(bare);
    const tokens = new Map<string, string>();
    for (const row of ROWS)
      if (row.user) tokens.set(row.user, await login(product.url, row.user, DEMO_PASSWORD));

    console.log(
      `\n${CONNECTIONS} connections, ${SECONDS} s per measurement, ${ROUNDS} rounds alternating product and bare` +
        `${BARE_PREPARED ? ' (bare with prepared statements)' : ''}; ` +
        `${os.cpus().length} cores, load average ${loadAverage()}`,
    );
    started = Date.now();
    for (const row of ROWS) {
      const token = row.user ? tokens.get(row.user) : undefined;
      await measure(product, row, token, 3);
      await measure(bare, row, token, 3);
    }
    if (PROFILE_DIR) await product.profileStart();
    const results = new Map<string, { product: Measured[]; bare: Measured[] }>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const row of ROWS) {
        const token = row.user ? tokens.get(row.user) : undefined;
        const r = results.get(row.key) ?? { product: [], bare: [] };
        results.set(row.key, r);
        const order = round % 2 ? (['bare', 'product'] as const) : (['product', 'bare'] as const);
        for (const which of order) {
          const m = await measure(which === 'product' ? product : bare, row, token, SECONDS);
          r[which].push(m);
          console.log(
            `  round ${round + 1} ${which.padEnd(7)} ${row.key.padEnd(9)} ${fmt(m.reqPerSec).padStart(7)} req/s  ` +
              `p99 ${m.p99} ms  ${cpu(m.cpuMsPerRequest)} CPU/request  (load ${loadAverage()})`,
          );
        }
      }
    }
    if (PROFILE_DIR) profile = await product.profileStop();
    console.log(
      `\nMeasured in ${((Date.now() - started) / 60_000).toFixed(1)} min; load average at the end ${loadAverage()}\n`,
    );
    console.log(
      '| request | product req/s | bare req/s | ratio | product p99 | bare p99 | product CPU/req | bare CPU/req |',
    );
    console.log('| --- | --: | --: | --: | --: | --: | --: | --: |');
    for (const row of ROWS) {
      const r = results.get(row.key)!;
      const p = median(r.product.map((m) => m.reqPerSec));
      const b = median(r.bare.map((m) => m.reqPerSec));
      console.log(
        `| ${row.label} | ${fmt(p)} | ${fmt(b)} | ${(p / b).toFixed(2)} | ${median(r.product.map((m) => m.p99))} ms | ` +
          `${median(r.bare.map((m) => m.p99))} ms | ${cpu(median(r.product.map((m) => m.cpuMsPerRequest)))} | ` +
          `${cpu(median(r.bare.map((m) => m.cpuMsPerRequest)))} |`,
      );
    }
  } finally {
    for (const s of servers) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (profile) summariseProfile(profile);
});
