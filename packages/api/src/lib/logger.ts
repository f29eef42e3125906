import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import pretty from 'pino-pretty';
import type { Config } from '../config.ts';

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];

/**
 * The server's log. `LOG_FORMAT=pretty` (the default, for a person at a console): one short,
 * coloured line per event, `HH:MM:ss` time, request lines as `GET /api/v1/… 200 12 ms`.
 * `LOG_FORMAT=json` (production, for a log collector): one JSON object per line with every field.
 * Either way each request is one line, written when it completes.
 */
export function loggerOptions(
  config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>,
  destination: NodeJS.WritableStream = process.stdout,
): NonNullable<FastifyServerOptions['logger']> {
  const base = { level: config.LOG_LEVEL, redact: REDACT };
  if (config.LOG_FORMAT === 'json')
    return destination === process.stdout ? base : { ...base, stream: destination };
  return {
    ...base,
    // Written synchronously, so lines keep their order with the start-up banner (console.log).
    stream: pretty({
      sync: true,
      destination,
      colorize: (destination as { isTTY?: boolean }).isTTY === true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,reqId,method,url,statusCode,responseTime',
      singleLine: true,
    }),
    hooks: {
      // The banner printed right after start-up already gives the addresses.
      logMethod(args, method) {
        if (typeof args[0] === 'string' && args[0].startsWith('Server listening at')) return;
        method.apply(this, args);
      },
    },
  };
}

// Signing and invitation links carry their token in the path: a credential, never logged.
const SECRET_PATH = /\/(sign|signing|invitation|invitations)\/[^/?#]+/g;

/** The path as it may be logged: no query string (searches hold names), no link tokens. */
export function loggablePath(url: string): string {
  const [path = '/', query] = url.split('?', 2);
  return path.replace(SECRET_PATH, '/$1/…') + (query === undefined ? '' : '?…');
}

/** The levels at which debug lines are written. */
const DEBUG_LEVELS = new Set(['debug', 'trace']);

/**
 * One line per request when it completes (instead of Fastify's two: "incoming request" and "request
 * completed"). API calls log at info; the apps' static files and health probes at debug, so a page
 * load is one line, not thirty.
 */
export class RequestLog extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    // Decided on the raw URL (its path starts the same as the loggable one) so that a quiet line
    // below the log level costs nothing: no path rewritten, no fields or text built.
    const quiet = !request.url.startsWith('/api/') || /^\/api\/(health|ready)\b/.test(request.url);
    if (!error && quiet && !DEBUG_LEVELS.has(reply.log.level)) return;
    const url = loggablePath(request.url);
    const ms = Math.round(reply.elapsedTime);
    const fields = { method: request.method, url, statusCode: reply.statusCode, responseTime: ms };
    const line = `${request.method} ${url} ${reply.statusCode} ${ms} ms`;
    if (error) reply.log.error({ ...fields, err: error }, line);
    else reply.log[quiet ? 'debug' : 'info'](fields, line);
  }
}
