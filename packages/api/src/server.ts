import { loadConfig } from './config.ts';
import { buildApp, type App } from './app.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { runMigrations } from './db/migrate.ts';
import { seedWholeDemo } from './seed/all.ts';
import { DEMO_ACCOUNTS, DEMO_CLIENT, DEMO_PASSWORD, seedIfEmpty } from './seed/demo.ts';

const config = loadConfig();
let embedded: EmbeddedDatabase | null = null;
let app: App | null = null;

const STOP_TIMEOUT_MS = 15_000;
let stopping: Promise<void> | null = null;
let stopRequestedAt = 0;

/**
 * One way out for every stop: Ctrl+C, SIGTERM or a crash. HTTP closes first (requests in flight
 * finish, jobs stop), then the bundled PostgreSQL. A stop on request exits 0, a crash exits 1.
 */
function stop(reason: { signal: string } | { err: unknown }): Promise<void> {
  if (stopping) return stopping;
  stopRequestedAt = Date.now();
  if ('err' in reason) console.error('Stopping after an error:', reason.err);
  else console.log(`\n${reason.signal === 'SIGINT' ? 'Ctrl+C' : reason.signal}: stopping …`);
  const timer = setTimeout(() => {
    console.error(`Did not stop within ${STOP_TIMEOUT_MS / 1000} s; exiting anyway.`);
    process.exit(1);
  }, STOP_TIMEOUT_MS);
  timer.unref();
  stopping = (async () => {
    await app?.close().catch((err: unknown) => console.error('Closing the API failed:', err));
    await embedded?.stop().catch((err: unknown) => console.error('Stopping PostgreSQL failed:', err));
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!stopping) {
      void stop({ signal }).then(() => {
        console.log('Stopped.');
        process.exit(0);
      });
      return;
    }
    // One Ctrl+C reaches every process in the terminal's group, and npx and pnpm pass it on too:
    // repeats within a second are that same keypress. A later one means "stop now".
    if (Date.now() - stopRequestedAt < 1000) return;
    console.error(`${signal} again: exiting without waiting.`);
    process.exit(1);
  });
}
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => void stop({ err }).then(() => process.exit(1)));
}

async function main() {
  if (!config.DATABASE_URL) {
    console.log(`Starting the bundled PostgreSQL (data in ${config.DATA_DIR}/postgres) …`);
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
    config.DATABASE_URL = embedded.url;
  }

  await runMigrations(config.DATABASE_URL);

  const seeded =
    config.SEED_DEMO_DATA && (await seedIfEmpty(config.DATABASE_URL, (db) => seedWholeDemo(db, config)));

  app = await buildApp(config);
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
}

main().catch(async (err: unknown) => {
  // Ctrl+C while starting: the stop already under way says what happens.
  if (stopping) return;
  // A start that fails says why in one message (the database's own words included), not a stack.
  console.error(`\nCould not start: ${err instanceof Error ? err.message : String(err)}`);
  if (err instanceof Error && ['debug', 'trace'].includes(config.LOG_LEVEL)) console.error(err.stack);
  await app?.close().catch(() => {});
  await embedded?.stop().catch(() => {});
  process.exit(1);
});
