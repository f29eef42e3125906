import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParamsSchema } from '@civic/shared/common';
import { ImportJobSchema } from '@civic/shared/imports';
import { problems } from '../../lib/schemas.ts';
import { getImportJob, settleImports } from './service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onClose', async () => settleImports(app));
  app.get(
    '/imports/:id',
    {
      config: { access: { roles: 'any', scopes: 'any' } },
      schema: {
        operationId: 'getImport',
        tags: ['imports'],
        summary: 'Progress and outcome of a long import (the caller’s own)',
        description:
          'An import that takes longer than a couple of seconds answers 202 with this job and a `Location` to poll. `processedRows` grows while it runs; `result` or `problem` is the answer the import would have given at once.',
        params: IdParamsSchema,
        response: { 200: ImportJobSchema, ...problems(404) },
      },
    },
    (request) => getImportJob(request, request.params.id),
  );
};

export default routes;
