import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { seedCareDemo } from './care-demo.ts';
import { seedDemoData } from './demo.ts';
import { seedKeyDemo } from './keys-demo.ts';
import { seedQueueDemo } from './queue-demo.ts';

/**
 * The whole demo data set, as `pnpm start`, `pnpm db:reseed` and the load benchmarks seed it:
 * accounts, sites and the care registry written directly, then key agreements and offers made
 * through the API itself, so they carry real timelines and PDFs. A separate instance does that
 * part on `config`'s database, without load shedding or rate limits (seeding is the load) and
 * without jobs or logs (its request logs would bury the start-up banner).
 */
export async function seedWholeDemo(db: Db, config: Config): Promise<void> {
  await seedDemoData(db);
  await seedCareDemo(db);
  const seeder = await buildApp(
    {
      ...config,
      MAX_EVENT_LOOP_DELAY_MS: 0,
      RATE_LIMIT_PER_MINUTE: 1_000_000,
      LOGIN_RATE_LIMIT_PER_MINUTE: 1_000_000,
      JOBS_ENABLED: false,
    },
    { logger: false },
  );
  try {
    await seeder.ready();
    await seedKeyDemo(seeder);
    await seedQueueDemo(seeder);
  } finally {
    await seeder.close();
  }
}
