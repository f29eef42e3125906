import fp from 'fastify-plugin';
import PgBoss from 'pg-boss';

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
  /** Runs a job's handler in this process, for admins and tests. */
  runNow(name: string): Promise<unknown>;
  readonly running: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs;
  }
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

    app.addHook('onReady', async () => {
      const instance = new PgBoss({
        connectionString: app.config.DATABASE_URL,
        schema: 'pgboss',
        max: 3,
        application_name: 'civic-jobs',
      } as PgBoss.ConstructorOptions);
      instance.on('error', (err) => {
        if ((err as { code?: string }).code === '57P01') app.log.warn('job queue: database shutting down');
        else app.log.error({ err }, 'job queue error');
      });
      await instance.start();
      for (const job of definitions.values()) {
        await instance.createQueue(job.name, {
          name: job.name,
          retryLimit: job.retryLimit ?? 3,
          retryBackoff: true,
          retryDelay: 30,
        });
        await instance.work(job.name, { pollingIntervalSeconds: 2 }, async () => {
          const result = await job.handler();
          app.log.info({ job: job.name, result }, 'job done');
        });
        if (job.cron) await instance.schedule(job.name, job.cron, {}, { tz: 'Europe/Helsinki' });
      }
      boss = instance;
    });
    app.addHook('onClose', async () => {
      const instance = boss;
      boss = null;
      await instance?.stop({ graceful: true, timeout: 5000, wait: true });
    });
  },
  { name: 'jobs', dependencies: ['db'] },
);
