import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { buildApp, type App } from '../src/app.ts';
import { DEMO_ACCOUNTS, seedDemoData, seedIfEmpty } from '../src/seed/demo.ts';
import { createTestApp, createUser, login, TEST_PASSWORD, type TestApp } from './helpers.ts';
import { startSmtp } from './smtp.ts';

/**
 * Two API instances on one database, as behind a load balancer: both real HTTP servers with the
 * same JWT_SECRET and jobs running in each. Nothing that decides who a caller is, what they may
 * do again, or which job runs, may live in one process's memory.
 */
const CRON_JOB = 'test.every-minute';
const KICKED_JOB = 'test.kicked';
const runs = { cron: { a: 0, b: 0 }, kicked: { a: 0, b: 0 } };

function defineTestJobs(app: App, which: 'a' | 'b') {
  app.jobs.define({
    name: CRON_JOB,
    cron: '* * * * *',
    handler: async () => {
      runs.cron[which]++;
      return {};
    },
  });
  app.jobs.define({
    name: KICKED_JOB,
    handler: async () => {
      runs.kicked[which]++;
      return {};
    },
  });
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let t: TestApp;
let b: App;
let startedAt = 0;
const A = () => t.http();
const B = () => supertest(b.server);

beforeAll(async () => {
  smtp = await startSmtp();
  startedAt = Date.now();
  t = await createTestApp(
    { JOBS_ENABLED: true, SMTP_URL: smtp.url, LOGIN_MAX_FAILURES: 4 },
    { beforeReady: (app) => defineTestJobs(app, 'a') },
  );
  // The second instance: same configuration, same database, its own process state.
  b = await buildApp(t.config, { logger: false });
  defineTestJobs(b, 'b');
  await b.ready();
}, 60_000);
afterAll(async () => {
  await b?.close();
  await t?.close();
  await smtp?.close();
});

const until = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('two instances on one database', { timeout: 60_000 }, () => {
  it('accept each other’s access tokens, rotate one session and end it everywhere at logout', async () => {
    const user = await createUser(t, { roles: ['key_coordinator'] });
    const session = await login(t, user.username);
    const bearer = `Bearer ${session.token}`;
    expect((await B().get('/api/v1/me').set('authorization', bearer)).body.username).toBe(user.username);

    // Refresh on B with the cookie A set; the old refresh token is then spent on both.
    const refreshed = await B().post('/api/v1/auth/refresh').set('cookie', session.cookie);
    expect(refreshed.status).toBe(200);
    const cookie = ([] as string[])
      .concat(refreshed.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('civic_refresh='))!
      .split(';')[0]!;
    const newBearer = `Bearer ${refreshed.body.accessToken as string}`;
    expect((await A().get('/api/v1/me').set('authorization', newBearer)).status).toBe(200);

    // Logout on A: B refuses the session's access tokens on the very next request, and its refresh.
    expect((await A().post('/api/v1/auth/logout').set('cookie', cookie)).status).toBeLessThan(300);
    for (const token of [bearer, newBearer]) {
      const me = await B().get('/api/v1/me').set('authorization', token);
      expect(me.status).toBe(401);
    }
    expect((await B().post('/api/v1/auth/refresh').set('cookie', cookie)).status).toBe(401);
  });

  it('count failed logins together, so spreading them over instances does not help', async () => {
    const user = await createUser(t, { roles: ['site_manager'] });
    const statuses = [];
    for (const http of [A, B, A, B]) {
      const res = await http()
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: 'wrong-password' });
      statuses.push(res.status);
    }
    // The fourth failure (LOGIN_MAX_FAILURES) locked the name in PostgreSQL: both refuse the right password.
    expect(statuses).toEqual([401, 401, 401, 423]);
    for (const http of [A, B]) {
      const res = await http()
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD });
      expect(res.status).toBe(423);
    }
  });

  it('replay an Idempotency-Key on the other instance, and run one of two racing requests', async () => {
    const admin = await createUser(t, { roles: ['admin'] });
    const { token } = await login(t, admin.username);
    const site = (name: string) => ({ name, address: 'Testikatu 2', district: 'Kallio', department: 'Edu' });
    const first = await A()
      .post('/api/v1/sites')
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', 'instances-1')
      .send(site('Instances school'));
    expect(first.status).toBe(201);
    const again = await B()
      .post('/api/v1/sites')
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', 'instances-1')
      .send(site('Instances school'));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);

    const racing = await Promise.all(
      [A, B].map((http) =>
        http()
          .post('/api/v1/sites')
          .set('authorization', `Bearer ${token}`)
          .set('idempotency-key', 'instances-2')
          .send(site('Racing school')),
      ),
    );
    // One ran; the other either waited its turn and replayed it or was told it is in progress.
    expect(racing.some((r) => r.status === 201)).toBe(true);
    for (const res of racing) expect([201, 409]).toContain(res.status);
    const rows = await t.sql(`SELECT id FROM sites WHERE name = 'Racing school'`);
    expect(rows).toHaveLength(1);
  });

  it('run a cron job once per tick, whichever instance picks it up', { timeout: 90_000 }, async () => {
    // Both instances scheduled it; pg-boss's cron check runs in one instance at a time (at most
    // every 30 s, the first one 30 s after start) and makes one job per minute, which one worker
    // of the two takes.
    await until(() => runs.cron.a + runs.cron.b >= 1, 60_000);
    const firstRunAfter = Date.now() - startedAt;
    // Both workers poll every 2 s: neither takes the tick again.
    await new Promise((r) => setTimeout(r, 8_000));
    expect(runs.cron.a + runs.cron.b, `first run ${firstRunAfter} ms after start`).toBe(1);
  });

  it('run a job asked for by both instances once, and distinct runs once each', async () => {
    const before = runs.kicked.a + runs.kicked.b;
    // Runs asked for a moment ahead, so both instances' requests meet while the job still waits.
    const slots = Array.from({ length: 8 }, (_, i) => new Date(Date.now() + 2_000 + i * 1000));
    for (const at of slots) {
      t.app.jobs.kickAt(KICKED_JOB, at);
      b.jobs.kickAt(KICKED_JOB, at);
    }
    await until(() => runs.kicked.a + runs.kicked.b - before >= slots.length);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(runs.kicked.a + runs.kicked.b - before).toBe(slots.length);
  });

  it('deliver each queued e-mail once while both run the mail job at the same time', async () => {
    const count = 30;
    await t.sql(
      `INSERT INTO outbound_emails (to_address, subject, body, status)
       SELECT 'twice-' || i || '@example.test', 'Kerran ' || i, 'Body', 'queued' FROM generate_series(1, $1) i`,
      [count],
    );
    await Promise.all([t.app.jobs.runNow('mail.deliver'), b.jobs.runNow('mail.deliver')]);
    await until(async () => {
      const [row] = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbound_emails WHERE to_address LIKE 'twice-%' AND status <> 'sent'`,
      );
      return row!.n === 0;
    });
    const received = smtp.received
      .map((m) => JSON.stringify(m.to))
      .filter((to) => to.includes('twice-'))
      .sort();
    expect(received).toHaveLength(count);
    expect(new Set(received).size).toBe(count);
  });
});

describe('two instances starting on an empty database', () => {
  it('seed the demo data once: the second waits for the first and then skips', async () => {
    const fresh = await createTestApp();
    try {
      const order: string[] = [];
      const seed = (which: string) => async (db: Parameters<Parameters<typeof seedIfEmpty>[1]>[0]) => {
        order.push(`${which} starts`);
        await seedDemoData(db);
        order.push(`${which} ends`);
      };
      const results = await Promise.all([
        seedIfEmpty(fresh.config.DATABASE_URL, seed('a')),
        seedIfEmpty(fresh.config.DATABASE_URL, seed('b')),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(order).toHaveLength(2);
      expect(order[1]).toBe(order[0]!.replace('starts', 'ends'));
      const [users] = await fresh.sql<{ n: number; names: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT username)::int AS names FROM users`,
      );
      expect(users).toEqual({ n: DEMO_ACCOUNTS.length, names: DEMO_ACCOUNTS.length });
      // A later start finds the users and seeds nothing.
      expect(await seedIfEmpty(fresh.config.DATABASE_URL, seed('c'))).toBe(false);
    } finally {
      await fresh.close();
    }
  });
});
