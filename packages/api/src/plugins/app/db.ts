import fp from 'fastify-plugin';
import { createDb } from '../../db/client.ts';

/** Codes of a database that is gone or not there yet (shutdown, crash, restart, network). */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now (starting up, recovering)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether an error (or its cause, as drizzle wraps driver errors) means the database is unreachable
 * rather than the request being wrong: such requests answer 503 with Retry-After, never 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    const message = e instanceof Error ? e.message : '';
    // "Client has encountered a connection error and is not queryable": node-postgres on a client
    // whose connection already failed, e.g. drizzle's ROLLBACK after a statement lost the server.
    if (
      /Connection terminated|timeout exceeded when trying to connect|connection (?:is )?closed|is not queryable/i.test(
        message,
      )
    )
      return true;
  }
  return false;
}

export default fp(
  async (app) => {
    const onError = (err: Error) => {
      if (isDatabaseUnavailable(err))
        app.log.warn({ code: (err as { code?: string }).code }, 'database connection lost');
      else app.log.error({ err }, 'database client failed');
    };
    const { db, pool } = createDb(app.config.DATABASE_URL, app.config.DATABASE_POOL_SIZE, onError);
    pool.on('error', onError);
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await pool.end();
    });
  },
  { name: 'db' },
);
