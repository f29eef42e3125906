import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from '@civic/shared/problem';

type Json = Record<string, unknown>;

/**
 * TypeBox writes a tuple as `items: [a, b]` (draft 7), which AJV validates; OpenAPI 3.1 (JSON
 * Schema 2020-12) spells it `prefixItems`. Rewritten in the document only.
 */
function tuplesAs2020(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(tuplesAs2020);
  if (!node || typeof node !== 'object') return;
  const o = node as Json;
  if (Array.isArray(o.items)) {
    o.prefixItems = o.items;
    o.items = false;
    delete o.additionalItems;
  }
  for (const v of Object.values(o)) tuplesAs2020(v);
}

/** Error answers are problem+json (RFC 9457), as the error handler sends them. */
function errorsAsProblems(paths: Json) {
  for (const ops of Object.values(paths) as Json[]) {
    for (const op of Object.values(ops) as { responses?: Record<string, { content?: Json }> }[]) {
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        // Whatever the operation produces when it succeeds (JSON, a PDF, CSV), errors are problems.
        const first = res.content && Object.values(res.content)[0];
        if (Number(status) < 400 || !first) continue;
        res.content = { [PROBLEM_CONTENT_TYPE]: res.content!['application/json'] ?? first };
      }
    }
  }
}

export default fp(
  async (app) => {
    app.addSchema({ ...ProblemSchema, $id: 'Problem' });
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Civic services API',
          version: '1.0.0',
          description:
            'Keys and key agreements; long-term care places (JOPA). Users log in at `/api/v1/auth/login`; ' +
            'other systems use the client-credentials grant at `/api/v1/oauth/token`. Errors are ' +
            '`application/problem+json` with a stable `code`.',
        },
        servers: [{ url: app.config.PUBLIC_URL }],
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        security: [{ bearerAuth: [] }],
      },
      hideUntagged: true,
      // A public route says so in the document too (`security: []`), so generated clients send no
      // token there; every other operation keeps the document's bearer requirement.
      transform: ({ schema, url, route }) => ({
        schema:
          (route.config as { access?: unknown } | undefined)?.access === 'public'
            ? ({ ...schema, security: [] } as typeof schema)
            : schema,
        url,
      }),
      transformObject: (documentObject) => {
        const doc = (
          'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject
        ) as Json;
        errorsAsProblems((doc.paths ?? {}) as Json);
        tuplesAs2020(doc.paths);
        tuplesAs2020(doc.components);
        return doc as never;
      },
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) =>
          typeof json.$id === 'string' ? json.$id : `def-${i}`,
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      uiConfig: { deepLinking: true },
    });
  },
  { name: 'openapi' },
);
