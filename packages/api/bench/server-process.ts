// One server under load, in a process of its own (started by load.ts `startServer`):
//
//   product   the real app (buildApp with the configuration from the environment)
//   bare      its twin: plain Fastify + pg running the statements the product ran for the same
//             requests (captured by throughput.ts, read from BARE_STATEMENTS), with no auth, audit,
//             validation, hooks or logging; and a bare hello route beside the product's /api/health.
//
// The parent asks for samples (memory, CPU, event-loop delay) and heap snapshots over IPC.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

export interface CapturedStatement {
  text: string;
  values: unknown[];
  rowMode?: 'array';
}

export interface BareRoute {
  url: string;
  /** Statements in the order the product ran them; those in one step ran at the same time. */
  steps: CapturedStatement[][];
}

const mode = process.argv[2];
let close: () => Promise<void>;
let port: number;

if (mode === 'product') {
  const app = await buildApp(loadConfig());
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
  close = () => app.close();
} else if (mode === 'bare') {
  const routes = JSON.parse(readFileSync(process.env.BARE_STATEMENTS!, 'utf8')) as BareRoute[];
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  const app = Fastify({ logger: false });
  app.get('/api/health', async () => ({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
  // BARE_PREPARED=1: the twin runs its statements as named prepared statements too, as the product
  // does for its hottest reads, so the ratio is of the framework and the checks alone.
  const prepared = process.env.BARE_PREPARED === '1';
  let n = 0;
  for (const route of routes) {
    const steps = route.steps.map((step) => step.map((s) => (prepared ? { ...s, name: `bare_${n++}` } : s)));
    app.get(route.url, async () => {
      const results: unknown[] = [];
      for (const step of steps) {
        const done = await Promise.all(step.map((s) => pool.query(s)));
        for (const r of done) results.push(r.rows);
      }
      return results;
    });
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
  close = async () => {
    await app.close();
    await pool.end();
  };
} else {
  throw new Error(`unknown mode ${mode}`);
}

const profiler = new Session();
profiler.connect();
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
process.on('message', (m: { type: string; id: number }) => {
  if (m.type === 'sample') {
    // With --expose-gc (the soak), the heap is measured after a full collection: what is kept.
    (globalThis as { gc?: () => void }).gc?.();
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    const value = {
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      external: mem.external,
      cpuMicros: cpu.user + cpu.system,
      loopP50: loop.percentile(50) / 1e6,
      loopP99: loop.percentile(99) / 1e6,
      loopMax: loop.max / 1e6,
    };
    loop.reset();
    process.send!({ id: m.id, value });
  } else if (m.type === 'heapsnapshot') {
    process.send!({
      id: m.id,
      value: v8.writeHeapSnapshot(
        path.join(process.env.HEAP_SNAPSHOT_DIR ?? os.tmpdir(), `${mode}-${Date.now()}.heapsnapshot`),
      ),
    });
  } else if (m.type === 'profile-start') {
    // Only the measured window: start-up (module loading, schema compilation) stays out.
    void (async () => {
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
      process.send!({ id: m.id, value: null });
    })();
  } else if (m.type === 'profile-stop') {
    void (async () => {
      const { profile } = await profiler.post('Profiler.stop');
      const dir = process.env.PROFILE_DIR ?? os.tmpdir();
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${mode}-${Date.now()}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      process.send!({ id: m.id, value: file });
    })();
  } else if (m.type === 'stop') {
    // A normal exit, so --cpu-prof writes its profile.
    void close().finally(() => process.exit(0));
  }
});
process.send!({ type: 'ready', port });
