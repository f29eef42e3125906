// `pnpm db:history`: adds three years of history (20 000 placements, 60 000 offers, 200 000
// capacity changes, 30 000 key agreements) to the configured database, on top of the demo data,
// so the reports have something to show. Once per database (stop the server first when it uses
// the bundled one); `db:reseed` removes it again.
import pg from 'pg';
import { loadConfig } from '../config.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { runMigrations } from '../db/migrate.ts';
import { FULL_HISTORY, generateHistory } from './history.ts';

const config = loadConfig();
const embedded = config.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
const url = config.DATABASE_URL || embedded!.url;
try {
  await runMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  try {
    await generateHistory(client, FULL_HISTORY);
  } finally {
    await client.end();
  }
  console.log(`History added in ${Math.round((Date.now() - started) / 1000)} s.`);
} finally {
  await embedded?.stop();
}
