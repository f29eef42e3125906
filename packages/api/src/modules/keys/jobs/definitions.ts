import type { FastifyInstance } from 'fastify';
import { sendDueReminders } from '../reminders/service.ts';
import { runDueSigningRequests } from '../signing/requests.ts';
import { anonymiseEndedAgreements, expireLinksAndDrafts } from './service.ts';

/** The keys module's scheduled jobs (pg-boss, cron in Helsinki time). */
export function defineKeyJobs(app: FastifyInstance) {
  app.jobs.define({
    name: 'keys.expire-links',
    cron: '*/5 * * * *',
    handler: () => expireLinksAndDrafts(app),
  });
  app.jobs.define({
    name: 'keys.reminders',
    cron: '0 9 * * *',
    handler: async () => {
      const result = await sendDueReminders(app);
      if (result.sent && app.config.SMTP_URL) app.jobs.kick('mail.deliver');
      return result;
    },
  });
  // Requests at Visma Sign: sent, polled with backoff (the service has no callback), withdrawn.
  app.jobs.define({
    name: 'keys.signing-requests',
    cron: '* * * * *',
    handler: () => runDueSigningRequests(app),
  });
  app.jobs.define({
    name: 'keys.anonymise',
    cron: '30 3 * * *',
    handler: () => anonymiseEndedAgreements(app),
  });
}
