// Benchmark of the live views (issue 12): 200 open event streams on two API instances sharing one
// database, and how long a change takes from its commit to reaching every stream.
//
//   pnpm bench:live                                   bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:live   an existing server (a scratch database is created)
//
// Changes are committed straight to the database (as any API instance's or job's would be); the
// streams are read in this process with fetch, as a browser tab reads them.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDb } from '../src/db/client.ts';
import { seedCareDemo } from '../src/seed/care-demo.ts';
import { createBenchUser, runBenchmark, type Api } from './harness.ts';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 30);

/** Opens a stream and calls `onChange` with each change's ids and the moment it arrived. */
async function openStream(api: Api, onChange: (ids: string[], at: number) => void) {
  const res = await fetch(`${api.base}/events?topic=care.vacancies`, { headers: api.headers });
  if (!res.ok || !res.body) throw new Error(`stream: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let ready!: () => void;
  const opened = new Promise<void>((r) => (ready = r));
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      const at = performance.now();
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.includes('event: ready')) ready();
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (block.includes('event: change') && data)
          onChange((JSON.parse(data) as { ids: string[] }).ids, at);
      }
    }
  })();
  await opened;
  return () => reader.cancel().catch(() => {});
}

await runBenchmark(async ({ databaseUrl, startApi }) => {
  const { db, pool } = createDb(databaseUrl, 2);
  await seedCareDemo(db);
  await pool.end();
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  await createBenchUser(client, ['care_coordinator']);
  const vacancies = (
    await client.query<{ id: string }>(
      `SELECT id FROM vacancies WHERE status = 'open' ORDER BY id LIMIT $1`,
      [CHANGES],
    )
  ).rows.map((r) => r.id);
  if (vacancies.length < CHANGES) throw new Error(`only ${vacancies.length} open vacancies`);

  // Two instances, as behind a load balancer; half the streams on each.
  const apis = [await startApi('bench', 'bench-password-123'), await startApi('bench', 'bench-password-123')];
  const arrivals = new Map<string, number[]>();
  const closers = [];
  const opening = performance.now();
  for (let i = 0; i < STREAMS; i++) {
    closers.push(
      await openStream(apis[i % 2]!, (ids, at) => {
        for (const id of ids) arrivals.get(id)?.push(at);
      }),
    );
  }
  console.log(
    `${STREAMS} streams open on 2 instances in ${((performance.now() - opening) / 1000).toFixed(1)} s`,
  );

  const latencies: number[] = [];
  let missing = 0;
  for (const id of vacancies) {
    const seen: number[] = [];
    arrivals.set(id, seen);
    await client.query(`UPDATE vacancies SET notes = 'Päivitetty ' || now()::text WHERE id = $1`, [id]);
    const committed = performance.now();
    const deadline = committed + 5_000;
    while (seen.length < STREAMS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    missing += STREAMS - seen.length;
    latencies.push(...seen.map((at) => at - committed));
    arrivals.delete(id);
    await new Promise((r) => setTimeout(r, 200));
  }
  closers.forEach((close) => void close());
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  console.log(
    `${CHANGES} changes × ${STREAMS} streams: ${latencies.length} events, ${missing} missing; commit → event ` +
      `median ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${latencies[latencies.length - 1]!.toFixed(1)} ms`,
  );
  await client.end();
});
