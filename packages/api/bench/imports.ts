// Benchmark of big imports (issue 10).
//
//   pnpm bench:imports                                   bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:imports   an existing server (a scratch database is created)
//   BENCH_ROWS=100000 (default)
//
// Imports a key CSV of BENCH_ROWS rows, then a care-queue CSV of BENCH_QUEUE_ROWS rows (default
// 10 000), each through the API over real HTTP, following the 202 to the end. Meanwhile another
// caller asks `GET /api/health` every 20 ms. Prints the time to the end, the worst answer time of
// those other requests and the worst event-loop delay of the API process during the import.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { hashPassword } from '../src/lib/passwords.ts';
import { runBenchmark, type Api } from './harness.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const QUEUE_ROWS = Number(process.env.BENCH_QUEUE_ROWS ?? 10_000);

const CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
/** A valid personal identity code for client n (born in the 1930s and 40s). */
function hetu(n: number) {
  const d = String((n % 28) + 1).padStart(2, '0');
  const m = String((Math.floor(n / 28) % 12) + 1).padStart(2, '0');
  const yy = String(30 + (Math.floor(n / 336) % 20));
  const num = String((Math.floor(n / 6720) % 898) + 2).padStart(3, '0');
  return `${d}${m}${yy}-${num}${CHECK[Number(`${d}${m}${yy}${num}`) % 31]}`;
}

async function importAndFollow(api: Api, label: string, path: string, body: string, rows: number) {
  const origin = new URL(api.base).origin;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let worstOther = 0;
  let stop = false;
  const other = (async () => {
    while (!stop) {
      const started = performance.now();
      await (await fetch(`${origin}/api/health`)).arrayBuffer();
      worstOther = Math.max(worstOther, performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  loop.enable();
  const started = performance.now();
  const res = await fetch(`${api.base}${path}`, {
    method: 'POST',
    headers: { ...api.headers, 'content-type': 'text/csv' },
    body,
  });
  let answer = (await res.json()) as { status?: string; result?: unknown; processedRows?: number };
  const first = res.status;
  let polls = 0;
  if (first === 202) {
    const location = `${origin}${res.headers.get('location')}`;
    while (answer.status === 'running') {
      await new Promise((r) => setTimeout(r, 250));
      answer = (await (await fetch(location, { headers: api.headers })).json()) as typeof answer;
      polls++;
    }
  }
  const elapsed = performance.now() - started;
  loop.disable();
  stop = true;
  await other;
  if (first === 202 && answer.status !== 'succeeded') throw new Error(`${label}: ${JSON.stringify(answer)}`);
  if (first !== 202 && first >= 300) throw new Error(`${label}: HTTP ${first} ${JSON.stringify(answer)}`);
  console.log(
    `${label.padEnd(34)} ${String(rows).padStart(7)} rows   ${(elapsed / 1000).toFixed(1).padStart(5)} s` +
      `   first answer ${first} (${polls} polls)   worst other request ${worstOther.toFixed(0)} ms` +
      `   worst event-loop delay ${(loop.max / 1e6).toFixed(0)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms)`,
  );
}

await runBenchmark(async ({ databaseUrl, startApi }) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(
    `INSERT INTO users (username, password_hash, display_name, email, roles)
     VALUES ('bench', $1, 'Bench Admin', 'bench@example.test', '{admin}')`,
    [await hashPassword('bench-password-123')],
  );
  const [site] = (
    await client.query<{ id: string }>(
      `INSERT INTO sites (name, address, district, department) VALUES ('Bench school', 'Testikatu 1', 'Kallio', 'Education') RETURNING id`,
    )
  ).rows;
  await client.end();
  const api = await startApi('bench', 'bench-password-123');

  const keys = ['code;opens;key_set'];
  for (let i = 0; i < ROWS; i++) keys.push(`K${i};Door ${i};Set ${i % 7}`);
  await importAndFollow(
    api,
    'key CSV import',
    `/sites/${site!.id}/keys/import`,
    `${keys.join('\n')}\n`,
    ROWS,
  );

  const queue = [
    'source_id;personal_identity_code;first_name;last_name;language;waiting_setting;waiting_place;needs;service_type;decision_date;ready_date;urgency;preferred_districts;contact_name;contact_phone',
  ];
  for (let i = 0; i < QUEUE_ROWS; i++) {
    queue.push(
      `B${i};${hetu(i)};Aili;Virtanen${i};fi;home;;;service_housing_24h;2026-01-15;;normal;Kallio;;`,
    );
  }
  await importAndFollow(
    api,
    'care queue CSV import',
    `/care/queue/import.csv?sourceSystem=bench`,
    `${queue.join('\n')}\n`,
    QUEUE_ROWS,
  );
});
