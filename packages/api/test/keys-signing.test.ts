import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { TEST_SIGNATURE, createTestApp, keyFixture, newAgreementBody, type TestApp } from './helpers.ts';
import { startSmtp } from './smtp.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let f: Awaited<ReturnType<typeof keyFixture>>;

beforeAll(async () => {
  smtp = await startSmtp();
  // Real pg-boss workers: mail goes out through the persisted job queue, as in production.
  t = await createTestApp({
    SMTP_URL: smtp.url,
    JOBS_ENABLED: true,
    PUBLIC_URL: 'https://avaimet.example.test',
  });
  f = await keyFixture(t, ['U5764', 'Y9087', 'K1001', 'K1002', 'K1003']);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const keyId = (code: string) => f.keys.find((k) => k.code === code)!.id;
const tokenOf = (text: string) => /\/sign\/([A-Za-z0-9_-]+)/.exec(text)![1]!;

async function lendAndSendLink(codes: string[], email: string) {
  const created = await t
    .http()
    .post('/api/v1/key-agreements')
    .set('authorization', f.manager.auth)
    .send({
      ...newAgreementBody(f.site.id, codes.map(keyId), { name: 'Åsa Öberg', email, phone: '040 1234567' }),
      language: 'sv',
    });
  expect(created.status).toBe(201);
  const sent = await t
    .http()
    .post(`/api/v1/key-agreements/${created.body.id}/signing-link`)
    .set('authorization', f.manager.auth)
    .send({});
  expect(sent.status).toBe(200);
  expect(sent.body.state).toBe('awaiting_signature');
  const mail = await smtp.waitFor(email, /väntar på din underskrift/);
  return { agreement: created.body, token: tokenOf(mail.text!) };
}

describe('signing through the e-mailed one-time link', () => {
  it('e-mails a link, shows the agreement, signs once, and mails the signed PDF whose text holds the parties, keys and terms', async () => {
    const { agreement, token } = await lendAndSendLink(['U5764', 'Y9087'], 'asa@example.test');
    const view = await t.http().get(`/api/v1/signing/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      number: agreement.number,
      renterName: 'Åsa Öberg',
      language: 'sv',
      text: 'Hyresgästen ansvarar för nycklarna.',
    });
    expect(view.body.keys.map((k: { code: string }) => k.code)).toEqual(['U5764', 'Y9087']);

    const signed = await t
      .http()
      .post(`/api/v1/signing/${token}/sign`)
      .send({ confirmedName: 'åsa öberg', accepted: true, signature: TEST_SIGNATURE });
    expect(signed.status).toBe(200);

    const mail = await smtp.waitFor('asa@example.test', /Undertecknat nyckelavtal/);
    expect(mail.attachments).toHaveLength(1);
    const pdfBytes = mail.attachments[0]!.content;
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdfBytes)), {
      mergePages: true,
    });
    for (const expected of [
      'Nyckelavtal',
      agreement.number,
      agreement.id,
      'Åsa Öberg',
      agreement.association.name,
      'U5764',
      'Door of U5764',
      'Y9087',
      'Hyresgästen ansvarar för nycklarna.',
      f.site.name,
      'via en engångslänk per e-post',
      'Utlämnad av',
    ]) {
      expect(text).toContain(expected);
    }
    // The attachment is byte for byte the stored document.
    const [doc] = await t.sql<{ sha256: string }>(
      `SELECT sha256 FROM key_agreement_documents WHERE agreement_id = $1`,
      [agreement.id],
    );
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdfBytes).digest('hex')).toBe(doc!.sha256);

    // The link works once.
    const reuse = await t.http().get(`/api/v1/signing/${token}`);
    expect(reuse.status).toBe(410);
    expect(reuse.body).toMatchObject({ code: 'link_unusable', reason: 'used' });
    const signAgain = await t
      .http()
      .post(`/api/v1/signing/${token}/sign`)
      .send({ confirmedName: 'Åsa Öberg', accepted: true, signature: TEST_SIGNATURE });
    expect(signAgain.status).toBe(410);

    const detail = await t
      .http()
      .get(`/api/v1/key-agreements/${agreement.id}`)
      .set('authorization', f.coordinator.auth);
    expect(detail.body.timeline.map((e: { event: string; actor: string }) => [e.event, e.actor])).toEqual([
      ['created', expect.any(String)],
      ['send_link', expect.any(String)],
      ['sign', 'renter: Åsa Öberg'],
    ]);
    const outbox = await t.sql<{ status: string }>(
      `SELECT DISTINCT status FROM outbound_emails WHERE agreement_id = $1`,
      [agreement.id],
    );
    expect(outbox).toEqual([{ status: 'sent' }]);
  });

  it('explains a replaced or cancelled link and a declined agreement frees the keys', async () => {
    const first = await lendAndSendLink(['K1001'], 'resend@example.test');
    smtp.received.length = 0;
    const resent = await t
      .http()
      .post(`/api/v1/key-agreements/${first.agreement.id}/signing-link`)
      .set('authorization', f.manager.auth)
      .send({ email: 'other@example.test' });
    expect(resent.status).toBe(200);
    const second = tokenOf((await smtp.waitFor('other@example.test', /underskrift/)).text!);
    const old = await t.http().get(`/api/v1/signing/${first.token}`);
    expect(old.status).toBe(410);
    expect(old.body.reason).toBe('cancelled');

    const declined = await t
      .http()
      .post(`/api/v1/signing/${second}/decline`)
      .send({ reason: 'Vi hyr inte längre' });
    expect(declined.status).toBe(200);
    const [row] = await t.sql<{ state: string; decline_reason: string; status: string }>(
      `SELECT a.state, a.decline_reason, k.status FROM key_agreements a, keys k WHERE a.id = $1 AND k.id = $2`,
      [first.agreement.id, keyId('K1001')],
    );
    expect(row).toEqual({ state: 'declined', decline_reason: 'Vi hyr inte längre', status: 'available' });
    expect((await t.http().get(`/api/v1/signing/${second}`)).body.reason).toBe('used');
    // The site manager who prepared the agreement is told, with the reason.
    const notice = await smtp.waitFor(f.manager.user.email, /was declined|hylättiin/);
    expect(notice.text).toContain('Vi hyr inte längre');
  });

  it('expires an unused link by the job, frees the keys, and a resend takes them again', async () => {
    const { agreement, token } = await lendAndSendLink(['K1002'], 'late@example.test');
    await t.sql(`UPDATE signing_links SET expires_at = now() - interval '1 minute' WHERE agreement_id = $1`, [
      agreement.id,
    ]);
    expect((await t.http().get(`/api/v1/signing/${token}`)).body.reason).toBe('expired');
    const result = await t.app.jobs.runNow('keys.expire-links');
    expect(result).toMatchObject({ expired: 1 });
    const [after] = await t.sql<{ state: string; status: string }>(
      `SELECT a.state, k.status FROM key_agreements a, keys k WHERE a.id = $1 AND k.id = $2`,
      [agreement.id, keyId('K1002')],
    );
    expect(after).toEqual({ state: 'expired', status: 'available' });
    // Running the job again changes nothing.
    expect(await t.app.jobs.runNow('keys.expire-links')).toMatchObject({ expired: 0 });

    const resend = await t
      .http()
      .post(`/api/v1/key-agreements/${agreement.id}/signing-link`)
      .set('authorization', f.manager.auth)
      .send({});
    expect(resend.body.state).toBe('awaiting_signature');
    const [held] = await t.sql<{ status: string }>(`SELECT status FROM keys WHERE id = $1`, [keyId('K1002')]);
    expect(held!.status).toBe('lent');
  });

  it('refuses malformed and unknown tokens with problem+json', async () => {
    const bad = await t.http().get('/api/v1/signing/short');
    expect(bad.status).toBe(422);
    const unknown = await t.http().get(`/api/v1/signing/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('link_unusable');
  });
});

describe('names from anywhere', () => {
  it('prints names outside Finnish and Swedish letters in the signed PDF as written', async () => {
    const name = 'Łukasz Nguyễn-Özdemir Ярослава';
    const created = await t
      .http()
      .post('/api/v1/key-agreements')
      .set('authorization', f.manager.auth)
      .send(
        newAgreementBody(f.site.id, [keyId('K1001')], {
          name,
          email: 'lukasz@example.test',
          phone: '0401234567',
        }),
      );
    expect(created.status).toBe(201);
    const signed = await t
      .http()
      .post(`/api/v1/key-agreements/${created.body.id}/sign`)
      .set('authorization', f.manager.auth)
      .send({ confirmedName: name, accepted: true, signature: TEST_SIGNATURE });
    expect(signed.status).toBe(200);
    const [doc] = await t.sql<{ pdf: Buffer }>(
      `SELECT pdf FROM key_agreement_documents WHERE agreement_id = $1`,
      [created.body.id],
    );
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(doc!.pdf)), {
      mergePages: true,
    });
    expect(text).toContain(name);
    expect(doc!.pdf.length).toBeLessThan(200_000);
  });
});

describe('reminders', () => {
  it('sends one due-soon reminder per agreement however often the job runs', async () => {
    const created = await t
      .http()
      .post('/api/v1/key-agreements')
      .set('authorization', f.manager.auth)
      .send({
        ...newAgreementBody(f.site.id, [keyId('K1003')], {
          name: 'Due Soon',
          email: 'due@example.test',
          phone: '0401234567',
        }),
      });
    await t
      .http()
      .post(`/api/v1/key-agreements/${created.body.id}/sign`)
      .set('authorization', f.manager.auth)
      .send({ confirmedName: 'Due Soon', accepted: true, signature: TEST_SIGNATURE });
    await t.sql(`UPDATE key_agreements SET expected_return_date = current_date + 2 WHERE id = $1`, [
      created.body.id,
    ]);
    expect(await t.app.jobs.runNow('keys.reminders')).toMatchObject({ sent: 1 });
    expect(await t.app.jobs.runNow('keys.reminders')).toMatchObject({ sent: 0 });
    await smtp.waitFor('due@example.test', /palautettava pian/);
    await t.sql(`UPDATE key_agreements SET expected_return_date = current_date - 1 WHERE id = $1`, [
      created.body.id,
    ]);
    expect(await t.app.jobs.runNow('keys.reminders')).toMatchObject({ sent: 1 });
    await smtp.waitFor('due@example.test', /myöhässä/);
  });
});
