// Soak test: an hour of mixed load on one product instance, memory and throughput sampled.
//
//   pnpm bench:soak                                   bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:soak   an existing server (a scratch database)
//
//   SOAK_MINUTES=60 SOAK_SAMPLE_SECONDS=60 SOAK_CONNECTIONS=50 SOAK_WARMUP_SAMPLES=5
//   SOAK_HEAP_SNAPSHOTS=/tmp/snaps    a heap snapshot after warm-up and one at the end, to compare
//
// Seeds the demo data, starts the product in a process of its own with its background jobs on
// (pg-boss), and drives it with autocannon: staff reads (vacancy board, key report, queue, care
// clients), portal reads (dashboard, offers) and health probes, with tokens of five accounts. Beside
// that, writes: a provider confirms a unit's figures every 200 ms (a versioned write with its audit
// row and webhook event), and every 2 s someone logs in and out again (a new session, its audit
// rows, the login throttle). Every sample period it prints RSS, the heap after a full GC, the
// event-loop delay, requests/s and CPU per request; at the end the slope of the heap after warm-up
// (least squares, MB per hour) and a verdict.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { runBenchmark } from './harness.ts';
import { load, loadAverage, login, productEnv, seedDemo, startServer } from './load.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 60);
const SAMPLE_SECONDS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50);
const WARMUP = Number(process.env.SOAK_WARMUP_SAMPLES ?? 5);
const SNAPSHOTS = process.env.SOAK_HEAP_SNAPSHOTS;
/** Heap growth after warm-up above this many MB per hour is called growth. */
const GROWTH_MB_PER_HOUR = 5;

const READS: { user: string | null; path: string }[] = [
  { user: 'carecoord', path: '/api/v1/care/vacancies' },
  { user: 'keycoord', path: '/api/v1/key-agreements?pageSize=50' },
  { user: 'provideruser', path: '/api/v1/portal/dashboard' },
  { user: 'carecoord', path: '/api/v1/care/queue?pageSize=50' },
  { user: 'keycoord', path: '/api/v1/key-agreements?pageSize=50&sort=renter&page=3' },
  { user: 'provideruser', path: '/api/v1/portal/offers' },
  { user: 'carecoord', path: '/api/v1/care/clients?pageSize=20' },
  { user: 'careviewer', path: '/api/v1/care/vacancies?language=sv' },
  { user: null, path: '/api/health' },
];

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Least-squares slope of y over x. */
function slope(points: [number, number][]) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den ? num / den : 0;
}

await runBenchmark(async ({ databaseUrl }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civic-soak-'));
  let stopWriters = false;
  const writers: Promise<void>[] = [];
  const server = await (async () => {
    await seedDemo(databaseUrl, dataDir);
    return startServer(
      'product',
      productEnv(databaseUrl, dataDir, {
        JOBS_ENABLED: 'true',
        ...(SNAPSHOTS ? { HEAP_SNAPSHOT_DIR: SNAPSHOTS } : {}),
      }),
      ['--expose-gc'],
    );
  })();
  try {
    const tokens = new Map<string, string>();
    for (const user of new Set(READS.map((r) => r.user).filter((u): u is string => !!u)))
      tokens.set(user, await login(server.url, user, DEMO_PASSWORD));
    const requests: autocannon.Request[] = READS.map((r) => ({
      method: 'GET',
      path: r.path,
      headers: r.user ? { authorization: `Bearer ${tokens.get(r.user)}` } : {},
    }));
    const counts = { confirms: 0, sessions: 0, writeFailures: 0 };

    const portal = { authorization: `Bearer ${tokens.get('provideruser')}` };
    writers.push(
      (async () => {
        while (!stopWriters) {
          try {
            const dash = (await (
              await fetch(`${server.url}/api/v1/portal/dashboard`, { headers: portal })
            ).json()) as {
              units: { id: string; capacity: { serviceType: { id: string }; version: number }[] }[];
            };
            const unit = dash.units[counts.confirms % dash.units.length]!;
            const cap = unit.capacity[0]!;
            const res = await fetch(
              `${server.url}/api/v1/portal/units/${unit.id}/capacity/${cap.serviceType.id}/confirm`,
              {
                method: 'POST',
                headers: { ...portal, 'content-type': 'application/json' },
                body: JSON.stringify({ version: cap.version }),
              },
            );
            if (res.ok) counts.confirms++;
            else counts.writeFailures++;
          } catch {
            counts.writeFailures++;
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      })(),
      (async () => {
        while (!stopWriters) {
          try {
            const token = await login(server.url, 'careviewer', DEMO_PASSWORD);
            const res = await fetch(`${server.url}/api/v1/auth/logout`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}` },
            });
            if (res.ok) counts.sessions++;
            else counts.writeFailures++;
          } catch {
            counts.writeFailures++;
          }
          await new Promise((r) => setTimeout(r, 2000));
        }
      })(),
    );

    const samples = Math.max(1, Math.round((MINUTES * 60) / SAMPLE_SECONDS));
    console.log(
      `Soak: ${MINUTES} min, a sample every ${SAMPLE_SECONDS} s, ${CONNECTIONS} connections over ${READS.length} reads ` +
        `plus writes; ${os.cpus().length} cores, load average ${loadAverage()}\n`,
    );
    console.log(
      '| min | RSS MB | heap after GC MB | loop p99 ms | req/s | p99 ms | CPU ms/req | confirms | sessions | load |',
    );
    console.log('| --: | --: | --: | --: | --: | --: | --: | --: | --: | --- |');
    const heap: [number, number][] = [];
    const rss: [number, number][] = [];
    const rates: number[] = [];
    let last = await server.sample();
    for (let i = 1; i <= samples; i++) {
      const result = await load(server.url, { connections: CONNECTIONS, seconds: SAMPLE_SECONDS, requests });
      const s = await server.sample();
      const minute = (i * SAMPLE_SECONDS) / 60;
      const cpu = (s.cpuMicros - last.cpuMicros) / 1000 / Math.max(1, result.requests);
      last = s;
      rates.push(result.reqPerSec);
      if (i > WARMUP) {
        heap.push([minute / 60, mb(s.heapUsed)]);
        rss.push([minute / 60, mb(s.rss)]);
      }
      console.log(
        `| ${minute.toFixed(minute % 1 ? 1 : 0)} | ${mb(s.rss).toFixed(0)} | ${mb(s.heapUsed).toFixed(1)} | ${s.loopP99.toFixed(1)} | ` +
          `${Math.round(result.reqPerSec)} | ${result.p99} | ${cpu.toFixed(2)} | ${counts.confirms} | ${counts.sessions} | ${loadAverage()} |` +
          (result.failures ? ` ${result.failures} failed (${result.failureKinds})` : ''),
      );
      if (SNAPSHOTS && (i === WARMUP || i === samples))
        console.log(`  heap snapshot ${await server.heapSnapshot()}`);
    }
    const heapSlope = slope(heap);
    const rssSlope = slope(rss);
    const third = Math.max(1, Math.floor(rates.length / 3));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `\nAfter warm-up (${WARMUP} samples): heap ${heapSlope >= 0 ? '+' : ''}${heapSlope.toFixed(1)} MB/h, ` +
        `RSS ${rssSlope >= 0 ? '+' : ''}${rssSlope.toFixed(1)} MB/h; req/s first third ${Math.round(avg(rates.slice(0, third)))}, ` +
        `last third ${Math.round(avg(rates.slice(-third)))}; write failures ${counts.writeFailures}`,
    );
    console.log(
      heap.length < 3
        ? 'Verdict: too short to tell (run longer than the warm-up)'
        : heapSlope > GROWTH_MB_PER_HOUR
          ? `Verdict: the heap GROWS (over ${GROWTH_MB_PER_HOUR} MB/h after warm-up); compare heap snapshots (SOAK_HEAP_SNAPSHOTS)`
          : `Verdict: no growth (heap slope under ${GROWTH_MB_PER_HOUR} MB/h after warm-up)`,
    );
  } finally {
    stopWriters = true;
    await Promise.allSettled(writers);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
