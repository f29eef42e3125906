import closeWithGrace from 'close-with-grace';
import { loadConfig } from './config.ts';
import { buildApp } from './app.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { runMigrations } from './db/migrate.ts';
import { createDb } from './db/client.ts';
import { seedKeyDemo } from './seed/keys-demo.ts';
import { seedCareDemo } from './seed/care-demo.ts';
import { DEMO_ACCOUNTS, DEMO_CLIENT, DEMO_PASSWORD, hasAnyUser, seedDemoData } from './seed/demo.ts';

const config = loadConfig();

let embedded: EmbeddedDatabase | null = null;
if (!config.DATABASE_URL) {
  console.log(`Starting the bundled PostgreSQL (data in ${config.DATA_DIR}/postgres) …`);
  embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
  config.DATABASE_URL = embedded.url;
}

await runMigrations(config.DATABASE_URL);

let seeded = false;
if (config.SEED_DEMO_DATA) {
  const { db, pool } = createDb(config.DATABASE_URL, 1);
  if (!(await hasAnyUser(db))) {
    await seedDemoData(db);
    await seedCareDemo(db);
    seeded = true;
  }
  await pool.end();
}

const app = await buildApp(config);
if (seeded) {
  // Key agreements are made through the API itself, so they carry real timelines and PDFs.
  await app.ready();
  // The demo agreements go through the API; their request logs would bury the banner below.
  const level = app.log.level;
  app.log.level = 'warn';
  await seedKeyDemo(app);
  app.log.level = level;
}

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  await embedded?.stop();
});

await app.listen({ host: config.HOST, port: config.PORT });

const url = config.PUBLIC_URL;
console.log(`
Civic services is running${embedded ? ' on the bundled PostgreSQL' : ''}.
  Staff app (keys, care places):  ${url}/
  Provider portal:                ${url}/portal/
  API docs (OpenAPI):             ${url}/api/docs
${
  config.SEED_DEMO_DATA
    ? `
Demo logins${seeded ? ' (just created)' : ''}, password "${DEMO_PASSWORD}":
${DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(14)} ${a.roles.join(', ')}${a.org ? ` @ ${a.org}` : ''}`).join('\n')}
  Integration client: ${DEMO_CLIENT.clientId} / ${DEMO_CLIENT.secret}
`
    : ''
}
Stop with Ctrl+C.`);
