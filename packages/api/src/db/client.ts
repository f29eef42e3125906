import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema/index.ts';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction or the database itself: repositories accept either, so callers decide the boundary. */
export type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export function createDb(
  url: string,
  poolSize = 10,
  onClientError: (err: Error) => void = () => {},
): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: 'civic-api',
    // A database that does not answer fails the request (503) instead of hanging it.
    connectionTimeoutMillis: 5_000,
  });
  // pg-pool listens for errors only on idle clients. A client checked out for a transaction whose
  // server goes away would emit an unhandled 'error' and crash the process; the query in progress
  // still gets the error, so listening here loses nothing.
  pool.on('connect', (client) => client.on('error', onClientError));
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  return { db, pool };
}
