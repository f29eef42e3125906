import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { createDb } from '../src/db/client.ts';
import { seedWholeDemo } from '../src/seed/all.ts';

/**
 * What the load benchmarks (throughput, soak) share: the demo data seeded the way `pnpm start`
 * seeds it, servers in processes of their own, and autocannon driving them from this process.
 */

const here = path.dirname(fileURLToPath(import.meta.url));

/** The settings every benchmarked product instance runs with, besides its database and port. */
export function productEnv(databaseUrl: string, dataDir: string, extra: Record<string, string> = {}) {
  return {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    SEED_DEMO_DATA: 'false',
    JOBS_ENABLED: 'false',
    // The limiter and the load shedder stay in the pipeline, set so they never refuse: one address
    // sends all the load here.
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    // One token lasts the whole run (the soak is an hour).
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    // As in production: one JSON line per request (to /dev/null here).
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    STAFF_WEB_DIST: '/nonexistent',
    PORTAL_DIST: '/nonexistent',
    ...extra,
  };
}

/** The demo data of `pnpm start`: accounts, registry, key agreements and the queue (via the API). */
export async function seedDemo(databaseUrl: string, dataDir: string) {
  const { db, pool } = createDb(databaseUrl, 2);
  try {
    await seedWholeDemo(db, loadConfig(productEnv(databaseUrl, dataDir)));
  } finally {
    await pool.end();
  }
}

export interface Sample {
  rss: number;
  heapUsed: number;
  external: number;
  /** Process CPU (user + system) in microseconds since it started. */
  cpuMicros: number;
  /** Event-loop delay since the previous sample, milliseconds. */
  loopP50: number;
  loopP99: number;
  loopMax: number;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  sample(): Promise<Sample>;
  heapSnapshot(): Promise<string>;
  /** CPU profile of what runs between the two calls; `profileStop` gives the file. */
  profileStart(): Promise<void>;
  profileStop(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `server-process.ts` in a process of its own (the product, or the bare twin), so the load
 * generator and the server do not share an event loop; it answers samples over the IPC channel.
 */
export async function startServer(
  mode: 'product' | 'bare',
  env: Record<string, string>,
  execArgv: string[] = [],
): Promise<ServerProcess> {
  const child = fork(path.join(here, 'server-process.ts'), [mode], {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  // A server that dies fails every question still open (the bench ends instead of waiting forever).
  let exited: Error | null = null;
  child.once('exit', (code, signal) => {
    exited = new Error(`${mode} server exited with ${code ?? signal}`);
    for (const p of pending.values()) p.reject(exited);
    pending.clear();
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', () => reject(exited));
    child.on('message', (m: { type: string; id?: number; port?: number; value?: unknown }) => {
      if (m.type === 'ready') resolve(m.port!);
      else if (m.id !== undefined) {
        pending.get(m.id)?.resolve(m.value);
        pending.delete(m.id);
      }
    });
  });
  const ask = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(exited);
      const id = ++seq;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ type, id });
    });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    sample: () => ask<Sample>('sample'),
    heapSnapshot: () => ask<string>('heapsnapshot'),
    profileStart: () => ask<void>('profile-start'),
    profileStop: () => ask<string>('profile-stop'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

/**
 * Logs in as a client would: a 503 from the load shedder (the machine is busy, e.g. right after
 * seeding) is retried after its Retry-After, for up to a minute; any other failure ends the run.
 */
export async function login(base: string, username: string, password: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.ok) return ((await res.json()) as { accessToken: string }).accessToken;
    const text = await res.text();
    if (res.status !== 503 || Date.now() > deadline)
      throw new Error(`login of ${username} failed: ${res.status} ${text}`);
    const wait = Number(res.headers.get('retry-after') ?? 1);
    await new Promise((r) => setTimeout(r, Math.min(Number.isFinite(wait) ? wait : 1, 5) * 1000));
  }
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Answers that were not 2xx, and connection errors and timeouts. */
  failures: number;
  /** What the failures were: `503: 12, timeouts: 3`. */
  failureKinds: string;
}

/** autocannon over real HTTP; `requests` cycle through the connections (a mix, or one request). */
export async function load(
  url: string,
  opts: { connections: number; seconds: number; requests: autocannon.Request[] },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    requests: opts.requests,
  });
  return {
    requests: result.requests.total,
    reqPerSec: result.requests.total / opts.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    failureKinds: [
      ...Object.entries(result.statusCodeStats ?? {})
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, { count }]) => `${code}: ${count}`),
      ...(result.errors ? [`errors: ${result.errors}`] : []),
      ...(result.timeouts ? [`timeouts: ${result.timeouts}`] : []),
    ].join(', '),
  };
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
