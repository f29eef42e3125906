import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMailCapture } from './mail-capture.ts';
import { startVismaSignMock } from '../packages/api/test/visma-sign-mock.ts';
import { startMockProvider } from '../packages/api/scripts/oidc-mock.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    inboxUrl: string;
    /** The local Visma Sign stand-in; `/__mock/…` is its control API for tests. */
    vismaUrl: string;
    /** The local OpenID Connect provider (the demo people of `pnpm oidc:mock`). */
    oidcUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts the product the way the README does (API serving both built SPAs, bundled PostgreSQL,
 * demo data) on free ports and a throw-away data folder, and stops it afterwards.
 */
export default async function setup(project: TestProject) {
  const mail = await startMailCapture();
  const visma = await startVismaSignMock();
  const oidc = await startMockProvider();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civic-e2e-'));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  let output = '';
  const server: ChildProcess = spawn(
    path.join(root, 'packages/api/node_modules/.bin/tsx'),
    ['src/server.ts'],
    {
      cwd: path.join(root, 'packages/api'),
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        EMBEDDED_PG_PORT: String(await freePort()),
        DATABASE_URL: '',
        SMTP_URL: mail.smtpUrl,
        VISMA_SIGN_URL: visma.url,
        VISMA_SIGN_CLIENT_ID: visma.identifier,
        VISMA_SIGN_SECRET: visma.secret,
        // Single sign-on as the README's demo sets it up: the login pages offer it beside passwords.
        OIDC_ISSUER: oidc.url,
        OIDC_CLIENT_ID: 'civic-e2e',
        OIDC_ALLOW_HTTP: 'true',
        OIDC_LINK_BY: 'preferred_username',
        OIDC_CREATE_USERS: 'true',
        OIDC_ROLE_MAP: '/jopa-coordinators=care_coordinator,/key-office=key_coordinator',
        LOG_LEVEL: 'warn',
        // CI machines are busy; shedding load there would fail journeys at random.
        MAX_EVENT_LOOP_DELAY_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));

  /** Stops the product (its bundled PostgreSQL with it) and the mocks; also when the start fails. */
  const stop = async () => {
    const exited = new Promise((r) => server.once('exit', r));
    if (server.exitCode === null) server.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    if (server.exitCode === null)
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
    clearTimeout(timer);
    if (server.exitCode === null) server.kill('SIGKILL');
    // Our ends of the child's pipes would otherwise keep the test runner alive.
    server.stdout?.destroy();
    server.stderr?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    await mail.close();
    await visma.close();
    await oidc.close();
  };

  // A fresh bundled PostgreSQL, migrations and the demo data: on a machine shared by several test
  // runs (load average 20 on two cores) this took over the 90 s once allowed.
  const deadline = Date.now() + Number(process.env.E2E_READY_TIMEOUT_MS ?? 240_000);
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      try {
        const res = await fetch(`${baseUrl}/api/ready`);
        if (res.ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`server did not become ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  } catch (err) {
    // A start that failed must not leave its server (and PostgreSQL) running.
    await stop();
    throw err;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('inboxUrl', mail.inboxUrl);
  project.provide('vismaUrl', visma.url);
  project.provide('oidcUrl', oidc.url);

  return stop;
}
