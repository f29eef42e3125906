// `pnpm db:reseed`: wipes domain data and seeds the demo data again, on the configured database
// (DATABASE_URL, or the bundled one in DATA_DIR; stop the running server first in that case).
import { loadConfig } from '../config.ts';
import { createDb } from '../db/client.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { runMigrations } from '../db/migrate.ts';
import { clearDomainData, seedDemoData } from './demo.ts';
import { seedKeyDemo } from './keys-demo.ts';
import { seedCareDemo } from './care-demo.ts';
import { seedQueueDemo } from './queue-demo.ts';
import { buildApp } from '../app.ts';

const config = loadConfig();
const embedded = config.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
const url = config.DATABASE_URL || embedded!.url;
try {
  await runMigrations(url);
  const { db, pool } = createDb(url, 2);
  await clearDomainData(db);
  await seedDemoData(db);
  await seedCareDemo(db);
  await pool.end();
  const app = await buildApp({ ...config, DATABASE_URL: url, JOBS_ENABLED: false }, { logger: false });
  await app.ready();
  await seedKeyDemo(app);
  await seedQueueDemo(app);
  await app.close();
  console.log('Demo data reseeded.');
} finally {
  await embedded?.stop();
}
