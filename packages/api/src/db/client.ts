import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema/index.ts';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction or the database itself: repositories accept either, so callers decide the boundary. */
export type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export function createDb(url: string, poolSize = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'civic-api' });
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  return { db, pool };
}
