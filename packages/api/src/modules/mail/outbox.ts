import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyInstance } from 'fastify';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { keyAgreementDocuments, outboundEmails } from '../../db/schema/index.ts';
import type { OutboxMessage } from '@civic/shared/keys';

export const MAX_MAIL_ATTEMPTS = 5;

export interface NewEmail {
  to: string;
  subject: string;
  body: string;
  attachmentDocumentId?: string | null;
  agreementId?: string | null;
}

/**
 * Records an e-mail in the same transaction as the change that causes it: committed together, so a
 * crash after the commit cannot lose it. `queued` ones are delivered by the mail job; with no SMTP
 * configured they are `held`, readable by admins, never silently dropped.
 */
export async function enqueueEmail(tx: Executor, smtpConfigured: boolean, email: NewEmail) {
  const [row] = await tx
    .insert(outboundEmails)
    .values({
      toAddress: email.to,
      subject: email.subject,
      body: email.body,
      attachmentDocumentId: email.attachmentDocumentId ?? null,
      agreementId: email.agreementId ?? null,
      status: smtpConfigured ? 'queued' : 'held',
    })
    .returning({ id: outboundEmails.id });
  return row!.id;
}

export function createTransport(smtpUrl: string): Transporter | null {
  return smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
}

/**
 * Delivers queued e-mails. Rows are claimed with SKIP LOCKED, so several instances share the work
 * and never send one twice; a failure is retried on the next run until MAX_MAIL_ATTEMPTS.
 */
export async function deliverQueuedEmails(db: Db, transport: Transporter, from: string, limit = 50) {
  let sent = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(outboundEmails)
        .where(eq(outboundEmails.status, 'queued'))
        .orderBy(outboundEmails.createdAt)
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return true;
      const [doc] = row.attachmentDocumentId
        ? await tx
            .select({ filename: keyAgreementDocuments.filename, pdf: keyAgreementDocuments.pdf })
            .from(keyAgreementDocuments)
            .where(eq(keyAgreementDocuments.id, row.attachmentDocumentId))
        : [];
      try {
        await transport.sendMail({
          from,
          to: row.toAddress,
          subject: row.subject,
          text: row.body,
          attachments: doc
            ? [{ filename: doc.filename, content: doc.pdf, contentType: 'application/pdf' }]
            : [],
        });
        await tx
          .update(outboundEmails)
          .set({ status: 'sent', sentAt: new Date(), attempts: row.attempts + 1, lastError: null })
          .where(eq(outboundEmails.id, row.id));
        sent++;
      } catch (err) {
        const attempts = row.attempts + 1;
        await tx
          .update(outboundEmails)
          .set({
            attempts,
            lastError: (err as Error).message.slice(0, 500),
            status: attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'queued',
          })
          .where(eq(outboundEmails.id, row.id));
        // Leave the rest for the next run rather than hammering a server that is down.
        return true;
      }
      return sent >= limit;
    });
    if (done) return sent;
  }
}

export async function listOutbox(db: Executor, page: number, pageSize: number) {
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: outboundEmails.id,
        toAddress: outboundEmails.toAddress,
        subject: outboundEmails.subject,
        body: outboundEmails.body,
        status: outboundEmails.status,
        attempts: outboundEmails.attempts,
        lastError: outboundEmails.lastError,
        createdAt: outboundEmails.createdAt,
        sentAt: outboundEmails.sentAt,
        attachment: keyAgreementDocuments.filename,
      })
      .from(outboundEmails)
      .leftJoin(keyAgreementDocuments, eq(keyAgreementDocuments.id, outboundEmails.attachmentDocumentId))
      .orderBy(desc(outboundEmails.createdAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(outboundEmails),
  ]);
  const items: OutboxMessage[] = rows.map((r) => ({
    id: r.id,
    to: r.toAddress,
    subject: r.subject,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    attachment: r.attachment ?? null,
  }));
  return { items, page, pageSize, total };
}

/** After a commit that queued mail: deliver now rather than at the next minute (no-op without SMTP). */
export function deliverSoon(app: FastifyInstance) {
  if (app.config.SMTP_URL) app.jobs.kick('mail.deliver');
}

/** How many messages are held, waiting, sent and failed, and whether SMTP is configured. */
export async function outboxStatus(db: Executor, smtpConfigured: boolean) {
  const rows = await db
    .select({ status: outboundEmails.status, n: sql<number>`count(*)::int` })
    .from(outboundEmails)
    .groupBy(outboundEmails.status);
  const counts = { held: 0, queued: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return { smtpConfigured, ...counts };
}

/**
 * Puts held messages (kept while SMTP was not configured) and failed ones back in the queue, with
 * their attempts reset. `ids` limits it to those messages; without, every held and failed one.
 */
export async function requeueMail(tx: Executor, ids: string[] | undefined) {
  const rows = await tx
    .update(outboundEmails)
    .set({ status: 'queued', attempts: 0, lastError: null })
    .where(
      and(
        inArray(outboundEmails.status, ['held', 'failed']),
        ids ? inArray(outboundEmails.id, ids) : undefined,
      ),
    )
    .returning({ id: outboundEmails.id });
  return rows.map((r) => r.id);
}
