import fp from 'fastify-plugin';
import { createDb } from '../../db/client.ts';

export default fp(
  async (app) => {
    const { db, pool } = createDb(app.config.DATABASE_URL, app.config.DATABASE_POOL_SIZE);
    pool.on('error', (err) => app.log.error({ err }, 'idle database client failed'));
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await pool.end();
    });
  },
  { name: 'db' },
);
