import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import PgBoss from 'pg-boss';
import { isDatabaseUnavailable } from './db.ts';

export interface JobDefinition {
  name: string;
  /** Cron in Helsinki time; pg-boss creates one job per tick however many instances run. */
  cron?: string;
  retryLimit?: number;
  handler: () => Promise<unknown>;
}

export interface Jobs {
  define(job: JobDefinition): void;
  /** Ask for a run now (e.g. deliver mail just queued); coalesced, and harmless when jobs are off. */
  kick(name: string): void;
  /** Ask for a run at a given time (a retry's backoff); persisted, so it survives a restart. */
  kickAt(name: string, at: Date): void;
  /** Runs a job's handler in this process, for admins and tests. */
  runNow(name: string): Promise<unknown>;
  readonly running: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs;
  }
}

/** A UUID-shaped id that is the same wherever it is made from the same key. */
export function slotJobId(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Persisted background jobs on pg-boss in the product's own database (schema `pgboss`): jobs survive
 * restarts, failed ones are retried with backoff, and SKIP LOCKED fetching runs each job once even
 * with several API instances. Modules define their jobs; this plugin starts them when the app is ready.
 */
export default fp(
  async (app) => {
    const definitions = new Map<string, JobDefinition>();
    let boss: PgBoss | null = null;

    app.decorate('jobs', {
      define(job) {
        definitions.set(job.name, job);
      },
      kick(name) {
        boss
          ?.send(name, {}, { singletonKey: name, singletonSeconds: 1, singletonNextSlot: true })
          .catch((err: unknown) => app.log.warn({ err, job: name }, 'could not queue job'));
      },
      kickAt(name, at) {
        // One run per second of start time, however many retries fall due then and whichever
        // instances ask: the job's id is made from the slot, so a second send of it is a no-op
        // (pg-boss's singletonKey alone does not deduplicate on a standard queue).
        const slot = Math.ceil(at.getTime() / 1000);
        const key = `${name}@${slot}`;
        boss
          ?.send(name, {}, { id: slotJobId(key), startAfter: new Date(slot * 1000), singletonKey: key })
          .catch((err: unknown) => app.log.warn({ err, job: name }, 'could not queue job'));
      },
      async runNow(name) {
        const job = definitions.get(name);
        if (!job) throw new Error(`Unknown job ${name}`);
        return job.handler();
      },
      get running() {
        return boss !== null;
      },
    } satisfies Jobs);

    if (!app.config.JOBS_ENABLED) return;

    // The instance is kept from the moment it exists, so a stop during start-up still stops it
    // (otherwise its connections would outlive the app and see the database go away).
    let instance: PgBoss | null = null;
    let starting: Promise<void> | null = null;
    let closing = false;
    app.addHook('onReady', async () => {
      const created = new PgBoss({
        connectionString: app.config.DATABASE_URL,
        schema: 'pgboss',
        max: 3,
        application_name: 'civic-jobs',
      } as PgBoss.ConstructorOptions);
      instance = created;
      created.on('error', (err) => {
        // While the app stops, a poll in flight may see the database go; jobs are persisted, so
        // nothing is lost and it is not worth a warning.
        if (closing) app.log.debug({ err }, 'job queue error while stopping');
        else if (isDatabaseUnavailable(err))
          app.log.warn({ code: (err as { code?: string }).code }, 'job queue: database unavailable');
        else app.log.error({ err }, 'job queue error');
      });
      starting = (async () => {
        await created.start();
        for (const job of definitions.values()) {
          await created.createQueue(job.name, {
            name: job.name,
            retryLimit: job.retryLimit ?? 3,
            retryBackoff: true,
            retryDelay: 30,
          });
          await created.work(job.name, { pollingIntervalSeconds: 2 }, async () => {
            const result = await job.handler();
            // A minute's mail run that sent nothing is not news: only work done is logged at info.
            const didWork = Object.values(result ?? {}).some((v) => typeof v === 'number' && v > 0);
            app.log[didWork ? 'info' : 'debug']({ job: job.name, result }, 'job done');
          });
          if (job.cron) await created.schedule(job.name, job.cron, {}, { tz: 'Europe/Helsinki' });
        }
        boss = created;
      })();
      await starting;
    });
    app.addHook('onClose', async () => {
      closing = true;
      boss = null;
      await starting?.catch(() => {});
      await instance?.stop({ graceful: true, timeout: 5000, wait: true });
    });
  },
  { name: 'jobs', dependencies: ['db'] },
);
