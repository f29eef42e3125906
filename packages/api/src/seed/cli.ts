// `pnpm db:reseed`: wipes domain data and seeds the demo data again, on the configured database
// (DATABASE_URL, or the bundled one in DATA_DIR; stop the running server first in that case).
import { loadConfig } from '../config.ts';
import { createDb } from '../db/client.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { runMigrations } from '../db/migrate.ts';
import { clearDomainData } from './demo.ts';
import { seedWholeDemo } from './all.ts';

const config = loadConfig();
const embedded = config.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
const url = config.DATABASE_URL || embedded!.url;
try {
  await runMigrations(url);
  const { db, pool } = createDb(url, 2);
  try {
    await clearDomainData(db);
    await seedWholeDemo(db, { ...config, DATABASE_URL: url });
  } finally {
    await pool.end();
  }
  console.log('Demo data reseeded.');
} finally {
  await embedded?.stop();
}
