// Delivery guarantees of webhooks under a flaky receiver and an API restart (issue 14).
//
//   pnpm bench:webhooks                                   bundled PostgreSQL in a temporary folder
//   BENCH_DATABASE_URL=postgres://… pnpm bench:webhooks   an existing server (a scratch database is created)
//   BENCH_VACANCIES=300 BENCH_FLAKY=0.3 …                  how many subjects, how often the receiver fails
//
// Vacancies are reported and most of them withdrawn through the API (two events per subject, which
// must arrive in order) while two subscriptions listen on a local receiver that answers 500 to a
// share of requests, sometimes too slowly, and sometimes takes a delivery but hangs up before
// answering (the sender cannot know: at-least-once means that one comes again). Halfway the API
// instance is closed and a new one started. Printed: events, deliveries expected, delivered,
// attempts, retried, lost, duplicated (a webhook-id taken twice), out of order (per subject).
import { performance } from 'node:perf_hooks';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { runBenchmark } from './harness.ts';

const SUBJECTS = Number(process.env.BENCH_VACANCIES ?? 300);
const FLAKY = Number(process.env.BENCH_FLAKY ?? 0.3);
const TIMEOUT_MS = 1000;

/** A small deterministic PRNG, so runs are comparable. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

interface Taken {
  path: string;
  id: string;
  subject: string;
  type: string;
}

async function flakyReceiver() {
  const random = prng(14);
  const taken: Taken[] = [];
  let requests = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { type: string; data: { id: string } };
      const take = () =>
        taken.push({
          path: req.url ?? '',
          id: String(req.headers['webhook-id']),
          subject: body.data.id,
          type: body.type,
        });
      const roll = random();
      if (roll < FLAKY * 0.7) return res.writeHead(500).end();
      if (roll < FLAKY * 0.85) {
        // Too slow: the sender gives up before this answers.
        setTimeout(() => res.writeHead(200).end(), TIMEOUT_MS + 300).unref();
        return;
      }
      if (roll < FLAKY) {
        // Took it, then the connection broke before the answer.
        take();
        return res.socket?.destroy();
      }
      take();
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    taken,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

await runBenchmark(async ({ databaseUrl }) => {
  const config = loadConfig(
    {},
    {
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
      WEBHOOK_SECRET_KEY: 'bench-webhook-key-that-is-long-enough-0123',
      SEED_DEMO_DATA: false,
      JOBS_ENABLED: true,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: true,
      WEBHOOK_TIMEOUT_MS: TIMEOUT_MS,
      WEBHOOK_RETRY_BASE_SECONDS: 0.2,
      WEBHOOK_RETRY_MAX_SECONDS: 3,
      RATE_LIMIT_PER_MINUTE: 1_000_000,
      MAX_EVENT_LOOP_DELAY_MS: 0,
      STAFF_WEB_DIST: '/nonexistent',
      PORTAL_DIST: '/nonexistent',
      LOG_LEVEL: 'warn',
    },
  );
  const sql = new pg.Client({ connectionString: databaseUrl });
  sql.on('error', () => {});
  await sql.connect();
  const hash = await hashPassword('bench-password-123');
  const {
    rows: [provider],
  } = await sql.query<{ id: string }>(
    `INSERT INTO providers (name, kind) VALUES ('Bench Hoiva Oy', 'purchased') RETURNING id`,
  );
  const {
    rows: [st],
  } = await sql.query<{ id: string }>(`SELECT id FROM service_types WHERE code = 'service_housing_24h'`);
  const {
    rows: [unit],
  } = await sql.query<{ id: string }>(
    `INSERT INTO care_units (provider_id, name, address, district) VALUES ($1, 'Bench Kallio', 'Hoivatie 1', 'Kallio') RETURNING id`,
    [provider!.id],
  );
  await sql.query(
    `INSERT INTO care_capacity (unit_id, service_type_id, max_capacity, occupied, reserved, vacant_accepting, closed_to_admissions)
     VALUES ($1, $2, $3, 0, 0, 0, false)`,
    [unit!.id, st!.id, SUBJECTS + 10],
  );
  await sql.query(
    `INSERT INTO users (username, password_hash, display_name, email, roles, provider_id) VALUES
       ('bench-admin', $1, 'Bench Admin', 'admin@example.test', '{admin}', NULL),
       ('bench-provider', $1, 'Bench Provider', 'provider@example.test', '{provider_user}', $2)`,
    [hash, provider!.id],
  );

  const receiver = await flakyReceiver();
  let app = await buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = () => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1`;
  const call = async (method: string, path: string, auth: string, body?: unknown) => {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const login = async (username: string) => {
    const res = (await call('POST', '/auth/login', '', { username, password: 'bench-password-123' })) as {
      accessToken: string;
    };
    return `Bearer ${res.accessToken}`;
  };
  let adminAuth = await login('bench-admin');
  let providerAuth = await login('bench-provider');
  const client = (await call('POST', '/integration-clients', adminAuth, {
    name: 'Bench receiver',
    scopes: ['care.registry:read'],
  })) as { id: string };
  for (const path of ['/a', '/b']) {
    await call('POST', '/admin/webhooks', adminAuth, {
      integrationClientId: client.id,
      url: receiver.url(path),
      eventTypes: ['vacancy.reported', 'vacancy.withdrawn'],
    });
  }

  const started = performance.now();
  const withdrawn = Math.floor(SUBJECTS * 0.8);
  for (let i = 0; i < SUBJECTS; i++) {
    if (i === Math.floor(SUBJECTS / 2)) {
      // Restart mid-stream: the instance (with deliveries in flight) stops, a new one takes over.
      await app.close();
      app = await buildApp(config, { logger: false });
      await app.listen({ host: '127.0.0.1', port: 0 });
      adminAuth = await login('bench-admin');
      providerAuth = await login('bench-provider');
    }
    const v = (await call('POST', `/portal/units/${unit!.id}/vacancies`, providerAuth, {
      serviceTypeId: st!.id,
      availableFrom: new Date().toISOString().slice(0, 10),
    })) as { id: string };
    if (i < withdrawn)
      await call('POST', `/portal/vacancies/${v.id}/withdraw`, providerAuth, { reason: 'bench' });
  }
  const madeMs = performance.now() - started;

  const expected = async () =>
    (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries`)).rows[0]!.n;
  const pending = async () =>
    (
      await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`,
      )
    ).rows[0]!.n;
  const deadline = Date.now() + 180_000;
  while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  const drainedMs = performance.now() - started;

  // Emission order per subscription and subject, from the database.
  const order = await sql.query<{
    event_id: string;
    seq: number;
    path: string;
    status: string;
    subject: string;
  }>(
    `SELECT d.event_id, d.seq, s.url AS path, d.status, d.subject FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.id = d.subscription_id`,
  );
  const events = (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_events`)).rows[0]!.n;
  const attempts = (
    await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_delivery_attempts`)
  ).rows[0]!.n;
  const failed = order.rows.filter((r) => r.status === 'failed').length;
  const total = await expected();
  const seqOf = new Map(order.rows.map((r) => [`${new URL(r.path).pathname}|${r.event_id}`, r.seq]));
  const takes = new Map<string, number>();
  let outOfOrder = 0;
  const latest = new Map<string, number>();
  for (const t of receiver.taken) {
    const key = `${t.path}|${t.id}`;
    takes.set(key, (takes.get(key) ?? 0) + 1);
    // Per subscription and subject, nothing may arrive after a later event of that subject.
    const seq = seqOf.get(key) ?? 0;
    const subject = `${t.path}|${t.subject}`;
    if ((latest.get(subject) ?? -1) > seq) outOfOrder++;
    latest.set(subject, Math.max(latest.get(subject) ?? -1, seq));
  }
  const delivered = takes.size;
  const duplicated = [...takes.values()].reduce((sum, n) => sum + n - 1, 0);
  const lost = total - delivered;

  await app.close();
  await receiver.close();
  await sql.end();
  const row = (label: string, value: number | string) =>
    console.log(`${label.padEnd(50)} ${String(value).padStart(8)}`);
  console.log(
    `\nWebhooks: ${SUBJECTS} vacancies (${withdrawn} withdrawn), 2 subscriptions, receiver failing ${Math.round(FLAKY * 100)} % of requests, one API restart halfway\n`,
  );
  row('events', events);
  row('deliveries expected (events × subscriptions)', total);
  row('delivered (taken by the receiver)', delivered);
  row('attempts (HTTP requests sent)', attempts);
  row('receiver saw requests', receiver.requests());
  row('retried (attempts beyond the first)', attempts - total);
  row('given up after the last attempt', failed);
  row('lost', lost);
  row('duplicated (taken again after a broken answer)', duplicated);
  row('out of order (per subject)', outOfOrder);
  row('changes made (s)', (madeMs / 1000).toFixed(1));
  row('all delivered after (s)', (drainedMs / 1000).toFixed(1));
  if (lost > 0 || outOfOrder > 0) process.exitCode = 1;
});
