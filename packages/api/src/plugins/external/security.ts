import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import formbody from '@fastify/formbody';
import { AppError } from '../../lib/errors.ts';
import { sendProblem } from '../app/errors.ts';

export default fp(
  async (app) => {
    const { config } = app;
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // HDS components set inline styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    });
    const origins = config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    await app.register(cors, { origin: origins.length ? origins : false, credentials: true });
    await app.register(formbody);
    await app.register(rateLimit, {
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: '1 minute',
      errorResponseBuilder: (_req, ctx) =>
        new AppError(429, 'rate_limited', `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`, {
          headers: { 'retry-after': String(Math.ceil(ctx.ttl / 1000)) },
        }),
    });
    await app.register(underPressure, {
      maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
      retryAfter: 10,
      pressureHandler: (request, reply) => {
        void sendProblem(
          request,
          reply,
          503,
          'service_unavailable',
          'The service is overloaded; try again shortly',
          {
            headers: { 'retry-after': '10' },
          },
        );
      },
    });
  },
  { name: 'security', dependencies: ['errors'] },
);
