import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { asc } from 'drizzle-orm';
import { UuidSchema } from '@civic/shared/common';
import { providers, sites } from '../../db/schema/index.ts';
import { problems } from '../../lib/schemas.ts';

// Minimal pick-lists for user administration. The keys and care modules own the full registries.
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const Ref = Type.Object({ id: UuidSchema, name: Type.String() });

  app.get(
    '/sites/options',
    {
      config: { access: { roles: ['admin', 'key_coordinator'] } },
      schema: {
        operationId: 'listSiteOptions',
        summary: 'Sites as choices for forms',
        tags: ['sites'],
        response: { 200: Type.Array(Ref), ...problems() },
      },
    },
    () => app.db.select({ id: sites.id, name: sites.name }).from(sites).orderBy(asc(sites.name)),
  );

  app.get(
    '/providers/options',
    {
      config: { access: { roles: ['admin', 'care_coordinator'] } },
      schema: {
        operationId: 'listProviderOptions',
        summary: 'Provider organisations as choices for forms',
        tags: ['providers'],
        response: { 200: Type.Array(Ref), ...problems() },
      },
    },
    () =>
      app.db.select({ id: providers.id, name: providers.name }).from(providers).orderBy(asc(providers.name)),
  );
};

export default routes;
