import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { freePort } from '../src/lib/free-port.ts';

const apiRoot = path.resolve(import.meta.dirname, '..');
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const dirs: string[] = [];
const servers: EmbeddedDatabase[] = [];

function scratch() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'civic-embedded-test-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, port: number) {
  const db = await startEmbeddedPostgres({ dataDir, port, log: quiet });
  servers.push(db);
  return db;
}

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(path.join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[0]);

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function eventually<T>(fn: () => Promise<T>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The API on the given database, as the tests' own helper builds it (no jobs, no shedding). */
async function appOn(url: string) {
  await runMigrations(url);
  const config = loadConfig(
    {},
    {
      DATABASE_URL: url,
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
      SEED_DEMO_DATA: false,
      STAFF_WEB_DIST: '/nonexistent',
      PORTAL_DIST: '/nonexistent',
      JOBS_ENABLED: false,
      MAX_EVENT_LOOP_DELAY_MS: 0,
      LOGIN_RATE_LIMIT_PER_MINUTE: 100_000,
    },
  );
  return buildApp(config, { logger: false });
}

afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Each test creates and starts real PostgreSQL clusters: seconds each, more on a busy machine.
describe('the bundled PostgreSQL', { timeout: 120_000 }, () => {
  it('keeps its data across a restart and leaves no server running after stop', async () => {
    const dir = scratch();
    const port = await freePort();
    const first = await start(dir, port);
    await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    const pid = postmasterPid(dir);
    await first.stop();
    expect(alive(pid)).toBe(false);
    const second = await start(dir, port);
    expect(await query(second.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
  });

  it('restarts the server by itself when it is killed', async () => {
    const dir = scratch();
    const db = await start(dir, await freePort());
    const before = postmasterPid(dir);
    process.kill(before, 'SIGKILL');
    const rows = await eventually(() => query(db.url, 'SELECT 1 AS one'));
    expect(rows).toEqual([{ one: 1 }]);
    expect(postmasterPid(dir)).not.toBe(before);
  });

  it('stops a server left running by a process that was killed, and starts its own', async () => {
    const dir = scratch();
    const port = await freePort();
    // A separate process starts the server and is then killed without a chance to stop it.
    const script = `
      import { startEmbeddedPostgres } from ${JSON.stringify(path.join(apiRoot, 'src/db/embedded.ts'))};
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)}, port: ${port} });
      console.log('started');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: apiRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('started') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const orphan = postmasterPid(dir);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(alive(orphan)).toBe(true);

    const db = await start(dir, port);
    expect(alive(orphan)).toBe(false);
    expect(await query(db.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('refuses a data folder whose server belongs to another running process, saying so', async () => {
    const dir = scratch();
    const port = await freePort();
    await start(dir, port);
    // Pretend the owner is another live process (this test runner's parent).
    writeFileSync(path.join(dir, 'postgres.owner'), String(process.ppid));
    await expect(startEmbeddedPostgres({ dataDir: dir, port, log: quiet })).rejects.toThrow(
      /in use by another running process/,
    );
  });

  it('decides readiness by connecting, so a logging collector does not hang the start', async () => {
    const dir = scratch();
    const port = await freePort();
    const first = await start(dir, port);
    await first.stop();
    appendFileSync(path.join(dir, 'postgres/postgresql.conf'), '\nlogging_collector = on\n');
    const db = await start(dir, port);
    expect(await query(db.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(existsSync(path.join(dir, 'postgres/log'))).toBe(true);
  });

  it("reports the server's own words when it cannot start", async () => {
    const dir = scratch();
    const port = await freePort();
    await (await start(dir, port)).stop();
    appendFileSync(path.join(dir, 'postgres/postgresql.conf'), '\nshared_buffers = nonsense\n');
    await expect(startEmbeddedPostgres({ dataDir: dir, port, log: quiet })).rejects.toThrow(/shared_buffers/);
  });
});

describe('the API while its database goes away', { timeout: 120_000 }, () => {
  it('answers 503 problems with Retry-After, never 500, and carries on when the database is back', async () => {
    const dir = scratch();
    const db = await start(dir, await freePort());
    const app = await appOn(db.url);
    await app.ready();
    try {
      const http = () => supertest(app.server);
      // Unauthenticated login touches the database first thing.
      const login = () =>
        http().post('/api/v1/auth/login').send({ username: 'nobody', password: 'whatever-123' });
      expect((await login()).status).toBe(401);

      process.kill(postmasterPid(dir), 'SIGKILL');
      const statuses = new Set<number>();
      let sawProblem = false;
      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await login();
        statuses.add(res.status);
        if (res.status === 503) {
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          expect(res.headers['retry-after']).toBe('5');
          expect(res.body.code).toBe('service_unavailable');
          sawProblem = true;
        }
        if (res.status === 401 && sawProblem) break;
        if (Date.now() > deadline) throw new Error(`never recovered: ${[...statuses].join(', ')}`);
      }
      expect([...statuses].filter((s) => s >= 500 && s !== 503)).toEqual([]);
      expect((await http().get('/api/ready')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  // `/api/ready` has a 503 answer of its own shape in its schema: the problem must still be sent.
  it.each(['/api/health', '/api/ready'])('answers %s while it stops with a 503 problem', async (probe) => {
    const dir = scratch();
    const db = await start(dir, await freePort());
    const app = await appOn(db.url);
    // One connection: a slow request keeps it busy (so closing does not drop it), and a second
    // request sent on it after close began must get a problem, not Fastify's plain JSON.
    app.get('/api/test-slow', { config: { access: 'public' } }, async () => {
      await new Promise((r) => setTimeout(r, 1000));
      return { ok: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    const ended = new Promise((r) => socket.once('close', r));
    socket.write('GET /api/test-slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((r) => setTimeout(r, 200));
    const closing = app.close();
    await new Promise((r) => setTimeout(r, 200));
    socket.write(`GET ${probe} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await closing;
    await ended;
    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(responses[1]).toMatch(/content-type: application\/problem\+json/i);
    expect(responses[1]).toMatch(/retry-after: 5/i);
    // The closing check answers from a hook: the security headers are set before it.
    expect(responses[1]).toMatch(/content-security-policy: default-src 'self'/i);
    expect(responses[1]).toMatch(/x-request-id: /i);
    expect(responses[1]).toContain('"code":"service_unavailable"');
  });
});
