import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Language } from '@civic/shared/common';
import { helsinkiToday } from '@civic/shared/keys';
import { careStaleReminders } from '../../db/schema/index.ts';
import { enqueueEmail } from '../mail/outbox.ts';

export const STALE_MAIL = {
  fi: {
    subject: 'Päivitä hoivapaikkojen tiedot',
    body: (name: string, units: string, days: number, url: string) =>
      `Hei ${name},\n\nseuraavien yksiköiden paikkatietoja ei ole vahvistettu ${days} päivään:\n\n${units}\n\nPäivitä luvut tai vahvista, ettei mikään ole muuttunut: ${url}\n\nHelsingin kaupunki`,
  },
  sv: {
    subject: 'Uppdatera uppgifterna om vårdplatser',
    body: (name: string, units: string, days: number, url: string) =>
      `Hej ${name},\n\nplatsuppgifterna för följande enheter har inte bekräftats på ${days} dagar:\n\n${units}\n\nUppdatera siffrorna eller bekräfta att inget har ändrats: ${url}\n\nHelsingfors stad`,
  },
  en: {
    subject: 'Please update your care place figures',
    body: (name: string, units: string, days: number, url: string) =>
      `Hello ${name},\n\nthe place figures of these units have not been confirmed for ${days} days:\n\n${units}\n\nUpdate the figures or confirm that nothing has changed: ${url}\n\nCity of Helsinki`,
  },
} satisfies Record<Language, Record<string, unknown>>;

/**
 * Units whose figures were not confirmed within CARE_STALE_AFTER_DAYS: each active user of the
 * provider gets one e-mail listing them, at most once a day per provider.
 */
export function careJobs(app: FastifyInstance) {
  const { db, config } = app;
  return {
    async staleReminders() {
      const today = helsinkiToday();
      const stale = await db.execute<{ provider_id: string; units: string[] }>(sql`
        SELECT u.provider_id, array_agg(DISTINCT u.name ORDER BY u.name) AS units
          FROM care_units u JOIN care_capacity c ON c.unit_id = u.id
         WHERE u.active AND c.confirmed_at < now() - make_interval(days => ${config.CARE_STALE_AFTER_DAYS})
         GROUP BY u.provider_id`);
      let providers = 0;
      let messages = 0;
      for (const row of stale.rows) {
        await db.transaction(async (tx) => {
          const claimed = await tx
            .insert(careStaleReminders)
            .values({ providerId: row.provider_id, sentOn: today, unitCount: row.units.length })
            .onConflictDoNothing()
            .returning();
          if (!claimed.length) return;
          providers++;
          const recipients = await tx.execute<{
            email: string;
            display_name: string;
            language: Language;
          }>(sql`
            SELECT email, display_name, language FROM users
             WHERE provider_id = ${row.provider_id} AND disabled_at IS NULL
               AND roles && ARRAY['provider_admin', 'provider_user']::role[]`);
          for (const r of recipients.rows) {
            const m = STALE_MAIL[r.language];
            await enqueueEmail(tx, !!config.SMTP_URL, {
              to: r.email,
              subject: m.subject,
              body: m.body(
                r.display_name,
                row.units.map((u) => `• ${u}`).join('\n'),
                config.CARE_STALE_AFTER_DAYS,
                `${config.PUBLIC_URL}/portal/`,
              ),
            });
            messages++;
          }
        });
      }
      if (messages && config.SMTP_URL) app.jobs.kick('mail.deliver');
      return { providers, messages };
    },
  };
}
