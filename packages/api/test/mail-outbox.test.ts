import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, userWithToken, type TestApp } from './helpers.ts';
import { startSmtp } from './smtp.ts';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let withSmtp: TestApp;
let withoutSmtp: TestApp;

beforeAll(async () => {
  smtp = await startSmtp();
  withSmtp = await createTestApp({ SMTP_URL: smtp.url });
  withoutSmtp = await createTestApp();
});
afterAll(async () => {
  await withSmtp.close();
  await withoutSmtp.close();
  await smtp.close();
});

/** Mail written while SMTP was not configured, as the outbox keeps it across a restart. */
const holdMail = (t: TestApp, to: string, status = 'held') =>
  t.sql<{ id: string }>(
    `INSERT INTO outbound_emails (to_address, subject, body, status, attempts) VALUES ($1, $2, 'Hei', $3, $4) RETURNING id`,
    [to, `Viesti ${to}`, status, status === 'failed' ? 5 : 0],
  );

describe('held mail', () => {
  it('is sent once an admin re-queues it after SMTP was configured', async () => {
    const admin = await userWithToken(withSmtp, { roles: ['admin'] });
    const [held] = await holdMail(withSmtp, 'held@example.test');
    await holdMail(withSmtp, 'failed@example.test', 'failed');
    const before = await withSmtp.http().get('/api/v1/admin/outbox/status').set('authorization', admin.auth);
    expect(before.body).toMatchObject({ smtpConfigured: true, held: 1, failed: 1 });

    const one = await withSmtp
      .http()
      .post('/api/v1/admin/outbox/requeue')
      .set('authorization', admin.auth)
      .send({ ids: [held!.id] });
    expect(one.body).toEqual({ requeued: 1 });
    const rest = await withSmtp
      .http()
      .post('/api/v1/admin/outbox/requeue')
      .set('authorization', admin.auth)
      .send({});
    expect(rest.body).toEqual({ requeued: 1 });
    expect(await withSmtp.app.jobs.runNow('mail.deliver')).toEqual({ sent: 2 });
    await smtp.waitFor('held@example.test', /Viesti/);
    await smtp.waitFor('failed@example.test', /Viesti/);
    const after = await withSmtp.http().get('/api/v1/admin/outbox/status').set('authorization', admin.auth);
    expect(after.body).toMatchObject({ held: 0, queued: 0, failed: 0, sent: 2 });
    const [audit] = await withSmtp.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'outbox.requeued'`,
    );
    expect(audit!.n).toBe(2);
  });

  it('stays held, with a clear answer, while SMTP is not configured; only admins may re-queue', async () => {
    const admin = await userWithToken(withoutSmtp, { roles: ['admin'] });
    await holdMail(withoutSmtp, 'waiting@example.test');
    const res = await withoutSmtp
      .http()
      .post('/api/v1/admin/outbox/requeue')
      .set('authorization', admin.auth)
      .send({});
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/SMTP_URL/);
    const [row] = await withoutSmtp.sql<{ status: string }>(`SELECT status FROM outbound_emails`);
    expect(row!.status).toBe('held');
    const coordinator = await userWithToken(withoutSmtp, { roles: ['key_coordinator'] });
    const denied = await withoutSmtp
      .http()
      .post('/api/v1/admin/outbox/requeue')
      .set('authorization', coordinator.auth)
      .send({});
    expect(denied.status).toBe(403);
  });
});
