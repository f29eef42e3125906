import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { STARTUP_LOCKS, withStartupLock } from './startup-lock.ts';

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Applies committed migrations. An advisory lock lets several instances start at once safely. */
export async function runMigrations(url: string): Promise<void> {
  await withStartupLock(url, STARTUP_LOCKS.migrations, (client) =>
    migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER }),
  );
}

export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}
