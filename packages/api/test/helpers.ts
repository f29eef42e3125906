import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import supertest from 'supertest';
import { inject } from 'vitest';
import type { Role } from '@civic/shared/roles';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { providers, sites, users, userSites } from '../src/db/schema/index.ts';
import { dropDatabase } from '../src/db/drop-database.ts';
import { databaseUrl } from './db-url.ts';

export const TEST_PASSWORD = 'test-password-123';
let passwordHash: Promise<string> | undefined;

async function createDatabase(adminUrl: string, name: string, template: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (err) {
        // 55006: another file is cloning the template at this very moment.
        if ((err as { code?: string }).code !== '55006' || attempt > 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
}

/** A fresh database cloned from the migrated template and an app on it; one per test file. */
export async function createTestApp(
  overrides: Partial<Record<keyof Config, unknown>> = {},
  opts: {
    beforeReady?: (app: App) => void;
    logger?: NonNullable<Parameters<typeof buildApp>[1]>['logger'];
  } = {},
) {
  const adminUrl = inject('adminUrl');
  const name = `civic_t_${randomBytes(6).toString('hex')}`;
  await createDatabase(adminUrl, name, inject('templateDb'));
  const url = databaseUrl(adminUrl, name);
  const config = loadConfig(
    {},
    {
      DATABASE_URL: url,
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
      SEED_DEMO_DATA: false,
      STAFF_WEB_DIST: '/nonexistent',
      PORTAL_DIST: '/nonexistent',
      RATE_LIMIT_PER_MINUTE: 100_000,
      LOGIN_RATE_LIMIT_PER_MINUTE: 1_000,
      REFRESH_REUSE_GRACE_SECONDS: 0,
      JOBS_ENABLED: false,
      // Tests run on busy machines: the app's own load shedding would answer 503 at random.
      MAX_EVENT_LOOP_DELAY_MS: 0,
      // Generated files (the demo seal certificate) go to a temporary folder, not the repository.
      DATA_DIR: path.join(os.tmpdir(), 'civic-test-data'),
      ...overrides,
    },
  );
  // TEST_LOG=1 shows the app's own error logs (a 500's cause) while debugging a test.
  const app = await buildApp(config, {
    logger: opts.logger ?? (process.env.TEST_LOG ? { level: 'error' } : false),
  });
  opts.beforeReady?.(app);
  await app.ready();
  return {
    app,
    config,
    db: app.db,
    /** supertest against the real HTTP server of the app (started on first use). */
    http: () => supertest(app.server),
    /** A direct connection as the database owner, for checks the app itself cannot make. */
    async sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<T>(text, params)).rows;
      } finally {
        await client.end();
      }
    },
    async close() {
      await app.close().catch(() => {});
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await dropDatabase(admin, name);
      } finally {
        await admin.end();
      }
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}_${randomBytes(3).toString('hex')}`;

export async function createProvider(t: TestApp, kind: 'own' | 'purchased' = 'purchased') {
  const [row] = await t.db
    .insert(providers)
    .values({ name: unique('Provider '), kind })
    .returning();
  return row!;
}

export async function createSite(t: TestApp) {
  const [row] = await t.db
    .insert(sites)
    .values({ name: unique('School '), address: 'Testikatu 1', district: 'Kallio', department: 'Education' })
    .returning();
  return row!;
}

export async function createUser(
  t: TestApp,
  opts: {
    roles: Role[];
    providerId?: string | null;
    siteIds?: string[];
    username?: string;
    disabled?: boolean;
  } = {
    roles: ['admin'],
  },
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = opts.username ?? unique('user');
  const [row] = await t.db
    .insert(users)
    .values({
      username,
      passwordHash: await passwordHash,
      displayName: `Test ${username}`,
      email: `${username}@example.test`,
      roles: opts.roles,
      providerId: opts.providerId ?? null,
      disabledAt: opts.disabled ? new Date() : null,
    })
    .returning();
  for (const siteId of opts.siteIds ?? []) await t.db.insert(userSites).values({ userId: row!.id, siteId });
  return row!;
}

/** Logs in through the API and returns what a browser would hold. */
export async function login(t: TestApp, username: string, password = TEST_PASSWORD) {
  const res = await t.http().post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.find((c) => c.startsWith('civic_refresh='))!.split(';')[0]!;
  return { token: res.body.accessToken as string, cookie, setCookie, body: res.body };
}

/** A user with the given roles, logged in; returns the bearer header value too. */
export async function userWithToken(t: TestApp, opts: Parameters<typeof createUser>[1]) {
  const user = await createUser(t, opts);
  const session = await login(t, user.username);
  return { user, ...session, auth: `Bearer ${session.token}` };
}

export const TEST_SIGNATURE = {
  strokes: [
    [
      [100, 300],
      [180, 120],
      [260, 280],
      [340, 100],
      [420, 260],
      [520, 140],
    ],
    [
      [560, 200],
      [760, 210],
    ],
  ] as [number, number][][],
};

/** A site with keys, its site manager, a coordinator and the default agreement template. */
export async function keyFixture(t: TestApp, keyCodes = ['U5764', 'Y9087', 'K1001']) {
  const site = await createSite(t);
  await t.sql(
    `INSERT INTO agreement_templates (department, version, texts) VALUES ('*', 1, $1)
     ON CONFLICT DO NOTHING`,
    [
      JSON.stringify({
        fi: 'Vuokralainen vastaa avaimista. Äänekäs sääntö.',
        sv: 'Hyresgästen ansvarar för nycklarna.',
        en: 'The renter is responsible for the keys.',
      }),
    ],
  );
  const keyRows = [];
  for (const code of keyCodes) {
    const [row] = await t.sql<{ id: string; code: string }>(
      `INSERT INTO keys (site_id, code, opens) VALUES ($1, $2, $3) RETURNING id, code`,
      [site.id, code, `Door of ${code}`],
    );
    keyRows.push(row!);
  }
  const manager = await userWithToken(t, { roles: ['site_manager'], siteIds: [site.id] });
  const coordinator = await userWithToken(t, { roles: ['key_coordinator'] });
  return { site, keys: keyRows, manager, coordinator };
}

export function newAgreementBody(
  siteId: string,
  keyIds: string[],
  renter = { name: 'Maija Meikäläinen', email: 'maija@example.test', phone: '+358 40 123 4567' },
) {
  return {
    siteId,
    association: { name: `Seura ${randomBytes(3).toString('hex')}` },
    renter,
    keyIds,
  };
}

/** supertest parser that keeps a binary body (PDF, XLSX) as a Buffer. */
export function binaryBody(res: NodeJS.ReadableStream, callback: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** A care unit of a provider with one service type's figures; returns ids and the capacity version. */
export async function createCareUnit(
  t: TestApp,
  providerId: string,
  figures = { maxCapacity: 30, occupied: 26, reserved: 1, vacantAccepting: 1, closedToAdmissions: false },
  serviceTypeCode = 'service_housing_24h',
) {
  const [st] = await t.sql<{ id: string }>(`SELECT id FROM service_types WHERE code = $1`, [serviceTypeCode]);
  const [unit] = await t.sql<{ id: string }>(
    `INSERT INTO care_units (provider_id, name, address, district) VALUES ($1, $2, 'Hoivatie 1', 'Kallio') RETURNING id`,
    [providerId, unique('Unit ')],
  );
  await t.sql(
    `INSERT INTO care_capacity (unit_id, service_type_id, max_capacity, occupied, reserved, vacant_accepting, closed_to_admissions)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      unit!.id,
      st!.id,
      figures.maxCapacity,
      figures.occupied,
      figures.reserved,
      figures.vacantAccepting,
      figures.closedToAdmissions,
    ],
  );
  return { unitId: unit!.id, serviceTypeId: st!.id };
}

/**
 * Writers racing on their own connections: each runs `rounds` transactions of `write`, and rolls
 * back those `rollBack` picks (roll-up and trigger tests compare the result with a direct count).
 */
export async function concurrentWriters(
  t: TestApp,
  opts: { writers: number; rounds: number; rollBack: (round: number) => boolean },
  write: (client: pg.Client, writer: number, round: number) => Promise<void>,
): Promise<void> {
  const writers = Array.from({ length: opts.writers }, async (_, w) => {
    const c = new pg.Client({ connectionString: t.config.DATABASE_URL });
    await c.connect();
    try {
      for (let i = 0; i < opts.rounds; i++) {
        await c.query('BEGIN');
        await write(c, w, i);
        await c.query(opts.rollBack(i) ? 'ROLLBACK' : 'COMMIT');
      }
    } finally {
      await c.end();
    }
  });
  await Promise.all(writers);
}

/** Runs `fn` on a connection of its own (bulk loads, sessions of their own). */
export async function withConnection<T>(t: TestApp, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: t.config.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs `fn` in a transaction on a connection of its own and rolls it back. */
export function inRolledBackTransaction<T>(t: TestApp, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withConnection(t, async (client) => {
    await client.query('BEGIN');
    try {
      return await fn(client);
    } finally {
      await client.query('ROLLBACK');
    }
  });
}
