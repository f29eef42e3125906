import pg from 'pg';

/**
 * Advisory lock keys of the start-up steps that several instances may run at once. Any constants
 * work; they only have to be the same for every instance and differ from each other.
 */
export const STARTUP_LOCKS = { migrations: 727_001, demoSeed: 727_002 } as const;

/**
 * Runs `fn` while holding a session-level advisory lock on a connection of its own: an instance
 * that starts meanwhile waits at the lock, and a holder that dies releases it with its connection.
 */
export async function withStartupLock<T>(
  url: string,
  key: (typeof STARTUP_LOCKS)[keyof typeof STARTUP_LOCKS],
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    return await fn(client);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {});
    await client.end();
  }
}
