import fp from 'fastify-plugin';
import { createDb } from '../../db/client.ts';

export default fp(
  async (app) => {
    const { db, pool } = createDb(app.config.DATABASE_URL, app.config.DATABASE_POOL_SIZE);
    pool.on('error', (err) => {
      // 57P01: the server is shutting down (Ctrl+C stops the bundled PostgreSQL with us); not a fault.
      if ((err as { code?: string }).code === '57P01')
        app.log.warn('database connection closed by server shutdown');
      else app.log.error({ err }, 'idle database client failed');
    });
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await pool.end();
    });
  },
  { name: 'db' },
);
