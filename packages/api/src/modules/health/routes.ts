import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { HealthSchema, ReadinessSchema } from '@civic/shared/health';
import { expectedMigrationCount } from '../../db/migrate.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['health'];
  const expected = expectedMigrationCount();

  app.get(
    '/health',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        operationId: 'getHealth',
        tags,
        summary: 'Liveness: the process answers',
        security: [],
        response: { 200: HealthSchema },
      },
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        operationId: 'getReadiness',
        tags,
        summary: 'Readiness: database reachable and all migrations applied',
        security: [],
        response: { 200: ReadinessSchema, 503: ReadinessSchema },
      },
    },
    async (_request, reply) => {
      let database = false;
      let migrations = false;
      try {
        const res = await app.db.execute<{ n: string }>(
          sql`SELECT count(*)::text AS n FROM drizzle.__drizzle_migrations`,
        );
        database = true;
        migrations = Number(res.rows[0]?.n) >= expected;
      } catch (err) {
        app.log.warn({ err }, 'readiness check failed');
      }
      const ready = database && migrations;
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', checks: { database, migrations } });
    },
  );
};

export default routes;
