import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ProblemSchema } from '@civic/shared/problem';

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
