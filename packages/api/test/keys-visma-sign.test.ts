import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contentMd5, vismaMac } from '../src/modules/keys/signing/providers/visma-sign/client.ts';
import { returnToken } from '../src/modules/keys/signing/requests.ts';
import {
  binaryBody,
  createSite,
  createTestApp,
  keyFixture,
  newAgreementBody,
  userWithToken,
  type TestApp,
} from './helpers.ts';
import { startVismaSignMock, type VismaSignMock } from './visma-sign-mock.ts';

let mock: VismaSignMock;
let t: TestApp;
let f: Awaited<ReturnType<typeof keyFixture>>;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'civic-visma-'));

beforeAll(async () => {
  mock = await startVismaSignMock();
  t = await createTestApp({
    VISMA_SIGN_URL: mock.url,
    VISMA_SIGN_CLIENT_ID: mock.identifier,
    VISMA_SIGN_SECRET: mock.secret,
    VISMA_SIGN_TIMEOUT_MS: 1500,
    PUBLIC_URL: 'https://avaimet.example.test',
  });
  f = await keyFixture(t, ['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V8']);
});
afterAll(async () => {
  await t.close();
  await mock.close();
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  mock.requests.length = 0;
});

const keyId = (code: string) => f.keys.find((k) => k.code === code)!.id;

async function lendForVisma(code: string, language: 'fi' | 'sv' | 'en' = 'fi') {
  const created = await t
    .http()
    .post('/api/v1/key-agreements')
    .set('authorization', f.manager.auth)
    .send({
      ...newAgreementBody(f.site.id, [keyId(code)], {
        name: 'Ville Vahva',
        email: `ville.${code.toLowerCase()}@example.test`,
        phone: '040 123 4567',
      }),
      language,
      signingMethod: 'visma_sign',
    });
  expect(created.status).toBe(201);
  expect(created.body.signingMethod).toBe('visma_sign');
  return created.body as { id: string; number: string };
}

const requestVisma = (id: string) =>
  t
    .http()
    .post(`/api/v1/key-agreements/${id}/signing-request`)
    .set('authorization', f.manager.auth)
    .send({ method: 'visma_sign' });

async function requestRow(agreementId: string) {
  const [row] = await t.sql<{
    id: string;
    status: string;
    external_id: string | null;
    invitation_id: string | null;
    failures: number;
    last_error: string | null;
    next_check_at: Date;
  }>(`SELECT * FROM signing_requests WHERE agreement_id = $1 ORDER BY created_at DESC LIMIT 1`, [
    agreementId,
  ]);
  return row!;
}

/** The job runs what is due; make this request due now. */
async function runJobNow(agreementId: string) {
  await t.sql(`UPDATE signing_requests SET next_check_at = now() WHERE agreement_id = $1`, [agreementId]);
  return t.app.jobs.runNow('keys.signing-requests');
}

const detail = (id: string) =>
  t.http().get(`/api/v1/key-agreements/${id}`).set('authorization', f.coordinator.auth);

describe('the request authentication', () => {
  it('signs as the vendor documents it (a known vector from the Visma Sign clients)', () => {
    // The body hash of {"document":{"name":"Test"}} as the Metatavu client's test expects it.
    expect(contentMd5(new TextEncoder().encode(JSON.stringify({ document: { name: 'Test' } })))).toBe(
      'Oum89929i6pTiBeDIOU+4A==',
    );
    const secret = Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
    const parts = {
      method: 'GET',
      contentMd5: contentMd5(new Uint8Array()),
      contentType: '',
      date: 'Tue, 16 May 2017 07:18:18 GMT',
      path: '/api/v1/document/abc',
    };
    const reference = createHmac('sha512', Buffer.from(secret, 'base64'))
      .update('GET\n1B2M2Y8AsgTpgAmY7PhCfg==\n\nTue, 16 May 2017 07:18:18 GMT\n/api/v1/document/abc')
      .digest('base64');
    expect(vismaMac(secret, parts)).toBe(reference);
  });
});

describe('signing through Visma Sign', () => {
  it('sends document, file and invitation (all authenticated), and the return link finds it signed at once', async () => {
    const agreement = await lendForVisma('V1', 'sv');
    const sent = await requestVisma(agreement.id);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      state: 'awaiting_signature',
      signingMethod: 'visma_sign',
      signingRequest: { method: 'visma_sign', status: 'pending', problem: null },
    });
    // What reached the vendor, every request with a valid signature.
    expect(mock.requests.map((r) => [r.method, r.path.replace(/[0-9a-f-]{36}/, '{id}'), r.status])).toEqual([
      ['POST', '/api/v1/document/', 201],
      ['POST', `/api/v1/document/{id}/files?filename=${encodeURIComponent(agreement.number)}.pdf`, 201],
      ['GET', '/api/v1/document/{id}', 200],
      ['POST', '/api/v1/document/{id}/invitations', 201],
    ]);
    expect(mock.requests.every((r) => r.authenticated)).toBe(true);
    const doc = [...mock.documents.values()].at(-1)!;
    expect(doc.name).toBe(`Nyckelavtal ${agreement.number}`);
    expect(doc.file!.subarray(0, 5).toString()).toBe('%PDF-');
    const [invitation] = doc.invitations;
    expect(invitation).toMatchObject({
      email: 'ville.v1@example.test',
      sms: '+358401234567',
      name: 'Ville Vahva',
      language: 'sv',
      signature_type: 'strong',
      messages: { send_invitation_email: true, attachment_allowed: false },
    });
    const row = await requestRow(agreement.id);
    const returnUrl = `https://avaimet.example.test/sign/${returnToken(t.config, row.id)}`;
    expect(String(invitation!.messages!.invitation_email_message)).toContain(returnUrl);
    // The renter's own notice from the city carries the same return link.
    const [notice] = await t.sql<{ subject: string; body: string }>(
      `SELECT subject, body FROM outbound_emails WHERE agreement_id = $1`,
      [agreement.id],
    );
    expect(notice!.subject).toContain('stark identifiering');
    expect(notice!.body).toContain(returnUrl);

    const token = returnToken(t.config, row.id);
    const waiting = await t.http().get(`/api/v1/signing/${token}`);
    expect(waiting.status).toBe(200);
    expect(waiting.body).toMatchObject({
      method: 'visma_sign',
      status: 'awaiting_signature',
      language: 'sv',
    });
    // The page cannot be used to sign by drawing.
    const drawn = await t
      .http()
      .post(`/api/v1/signing/${token}/sign`)
      .send({ confirmedName: 'Ville Vahva', accepted: true, signature: { strokes: [] } });
    expect(drawn.status).toBe(409);

    // The renter signs at the vendor and comes back through the link: checked at once, no waiting for the job.
    const vendorPdf = await mock.sign(doc.uuid);
    const back = await t.http().get(`/api/v1/signing/${token}`);
    expect(back.body.status).toBe('signed');
    const signed = await detail(agreement.id);
    expect(signed.body).toMatchObject({ state: 'active', signingMethod: 'visma_sign' });
    const sign = signed.body.timeline.find((e: { event: string }) => e.event === 'sign');
    expect(sign).toMatchObject({
      actor: 'renter: Ville Vahva',
      details: {
        method: 'visma_sign',
        evidence: {
          identification: 'strong_electronic_identification',
          service: 'Visma Sign',
          signatureType: 'strong',
          signerName: 'Ville Vahva',
          documentId: doc.uuid,
          invitationId: invitation!.uuid,
          vendorSignatures: [{ valid: true, signer: 'Visma Sign test service, Civic services (demo)' }],
        },
      },
    });
    // The archived file is the vendor's signed PDF with the city's seal added after it.
    const [stored] = signed.body.documents;
    const pdf = await t
      .http()
      .get(`/api/v1/key-agreements/${agreement.id}/documents/${stored.id}`)
      .set('authorization', f.coordinator.auth)
      .buffer(true)
      .parse(binaryBody as never);
    const archived = pdf.body as Buffer;
    expect(archived.subarray(0, vendorPdf.length).equals(vendorPdf)).toBe(true);
    const file = path.join(tmp, 'visma.pdf');
    writeFileSync(file, archived);
    const report = execFileSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
    expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    const verify = await t
      .http()
      .get(`/api/v1/key-agreements/${agreement.id}/documents/${stored.id}/verify`)
      .set('authorization', f.coordinator.auth);
    expect(verify.body).toMatchObject({ matches: true, seal: { valid: true, sealed: true } });
    expect(
      verify.body.seal.signatures.map((s: { ours: boolean; valid: boolean }) => [s.ours, s.valid]),
    ).toEqual([
      [false, true],
      [true, true],
    ]);
    // A copy goes to the renter with the archived file attached.
    const mails = await t.sql<{ subject: string; attachment_document_id: string | null }>(
      `SELECT subject, attachment_document_id FROM outbound_emails WHERE agreement_id = $1 ORDER BY created_at`,
      [agreement.id],
    );
    expect(mails.at(-1)).toEqual({
      subject: `Undertecknat nyckelavtal ${agreement.number}`,
      attachment_document_id: stored.id,
    });
    // Nothing is left for the job.
    expect((await requestRow(agreement.id)).status).toBe('signed');
    expect(await t.app.jobs.runNow('keys.signing-requests')).toEqual({});
  });

  it('polls with the job when the renter does not come back', async () => {
    const agreement = await lendForVisma('V2');
    await requestVisma(agreement.id);
    const row = await requestRow(agreement.id);
    expect(row.next_check_at.getTime()).toBeGreaterThan(Date.now());
    expect(await t.app.jobs.runNow('keys.signing-requests')).toEqual({});
    expect(await runJobNow(agreement.id)).toEqual({ pending: 1 });
    const later = await requestRow(agreement.id);
    // The next check moves further away (backoff).
    expect(later.next_check_at.getTime() - Date.now()).toBeGreaterThan(45_000);
    await mock.sign(row.external_id!);
    expect(await runJobNow(agreement.id)).toEqual({ signed: 1 });
    expect((await detail(agreement.id)).body.state).toBe('active');
  });
});

describe('when the vendor misbehaves', () => {
  it('retries a 5xx on creating the document within the call', async () => {
    mock.fault(/^\/api\/v1\/document\/$/, { status: 503, times: 1 });
    const agreement = await lendForVisma('V3');
    const sent = await requestVisma(agreement.id);
    expect(sent.body.signingRequest.status).toBe('pending');
    expect(mock.requests.filter((r) => r.path === '/api/v1/document/').map((r) => r.status)).toEqual([
      503, 201,
    ]);
  });

  it('survives a timed-out invitation without inviting twice, and backs off on repeated 5xx', async () => {
    const agreement = await lendForVisma('V4');
    // The invitation is accepted by the vendor, but its answer comes too late.
    mock.fault(/\/invitations$/, { delayMs: 2500, times: 1 });
    const sent = await requestVisma(agreement.id);
    expect(sent.body.signingRequest).toMatchObject({ status: 'sending' });
    expect(sent.body.signingRequest.problem).toMatch(/did not answer within 1500 ms/);
    const first = await requestRow(agreement.id);
    expect(first.failures).toBe(1);
    expect(first.next_check_at.getTime()).toBeGreaterThan(Date.now() + 30_000);
    await new Promise((r) => setTimeout(r, 1500)); // the slow answer lands at the vendor
    // Every GET fails for a while: retried in the call, then left for later with a longer wait.
    mock.fault(/^\/api\/v1\/document\/[0-9a-f-]+$/, { status: 502, times: 3, method: 'GET' });
    expect(await runJobNow(agreement.id)).toEqual({ retry: 1 });
    const second = await requestRow(agreement.id);
    expect(second.failures).toBe(2);
    expect(second.next_check_at.getTime()).toBeGreaterThan(Date.now() + 90_000);
    expect(await runJobNow(agreement.id)).toEqual({ sent: 1 });
    const doc = mock.documents.get(first.external_id!)!;
    expect(doc.invitations).toHaveLength(1);
    expect((await requestRow(agreement.id)).invitation_id).toBe(doc.invitations[0]!.uuid);
  });

  it('expires the agreement and frees the keys when the document is cancelled at the vendor', async () => {
    const agreement = await lendForVisma('V5');
    await requestVisma(agreement.id);
    const row = await requestRow(agreement.id);
    mock.cancelAtVendor(row.external_id!);
    expect(await runJobNow(agreement.id)).toEqual({ ended: 1 });
    const after = await detail(agreement.id);
    expect(after.body.state).toBe('expired');
    expect(after.body.timeline.at(-1)).toMatchObject({
      event: 'request_ended',
      details: { method: 'visma_sign', reason: 'cancelled' },
    });
    const [key] = await t.sql<{ status: string }>(`SELECT status FROM keys WHERE id = $1`, [keyId('V5')]);
    expect(key!.status).toBe('available');
    const link = await t.http().get(`/api/v1/signing/${returnToken(t.config, row.id)}`);
    expect(link.status).toBe(410);
    // A new request takes the keys again.
    const again = await requestVisma(agreement.id);
    expect(again.body).toMatchObject({ state: 'awaiting_signature', signingRequest: { status: 'pending' } });
  });

  it('withdraws the request at the vendor when staff cancel, and records a signature that came too late', async () => {
    const agreement = await lendForVisma('V6');
    await requestVisma(agreement.id);
    const row = await requestRow(agreement.id);
    const cancelled = await t
      .http()
      .post(`/api/v1/key-agreements/${agreement.id}/cancel`)
      .set('authorization', f.manager.auth)
      .send({ reason: 'Vuoro peruttiin' });
    expect(cancelled.body.state).toBe('cancelled');
    expect(await runJobNow(agreement.id)).toEqual({ cancelled: 1 });
    expect(mock.documents.get(row.external_id!)!.status).toBe('cancelled');

    // Another one the renter signs at the vendor just before staff cancel: the vendor refuses to cancel.
    const late = await lendForVisma('V7');
    await requestVisma(late.id);
    const lateRow = await requestRow(late.id);
    await mock.sign(lateRow.external_id!);
    await t
      .http()
      .post(`/api/v1/key-agreements/${late.id}/cancel`)
      .set('authorization', f.manager.auth)
      .send({ reason: 'Peruttu' });
    expect(await runJobNow(late.id)).toEqual({ signed: 1 });
    const lateDetail = await detail(late.id);
    expect(lateDetail.body.state).toBe('cancelled');
    expect(lateDetail.body.timeline.at(-1)).toMatchObject({ event: 'signed_after_withdrawal' });
  });

  it('gives up on the request and tells staff when the vendor refuses its authentication', async () => {
    const wrong = await createTestApp({
      VISMA_SIGN_URL: mock.url,
      VISMA_SIGN_CLIENT_ID: mock.identifier,
      VISMA_SIGN_SECRET: Buffer.from('not the secret').toString('base64'),
    });
    try {
      const g = await keyFixture(wrong, ['W1']);
      const created = await wrong
        .http()
        .post('/api/v1/key-agreements')
        .set('authorization', g.manager.auth)
        .send({ ...newAgreementBody(g.site.id, [g.keys[0]!.id]), signingMethod: 'visma_sign' });
      const sent = await wrong
        .http()
        .post(`/api/v1/key-agreements/${created.body.id}/signing-request`)
        .set('authorization', g.manager.auth)
        .send({ method: 'visma_sign' });
      expect(sent.status).toBe(200);
      expect(sent.body.signingRequest).toMatchObject({ status: 'failed' });
      expect(sent.body.signingRequest.problem).toMatch(/401/);
      // The mock saw a request whose signature did not verify, and nothing was created there.
      expect(mock.requests.at(-1)).toMatchObject({ authenticated: false, status: 401 });
      const staffMail = await wrong.sql<{ to_address: string; subject: string }>(
        `SELECT to_address, subject FROM outbound_emails WHERE agreement_id = $1 AND to_address = $2`,
        [created.body.id, g.manager.user.email],
      );
      expect(staffMail[0]!.subject).toContain('Visma Sign');
      // Not retried by the job; the keys stay reserved until staff decide.
      await wrong.sql(`UPDATE signing_requests SET next_check_at = now()`);
      expect(await wrong.app.jobs.runNow('keys.signing-requests')).toEqual({});
    } finally {
      await wrong.close();
    }
  });
});

describe('choosing the method', () => {
  it('offers Visma Sign only when it is configured', async () => {
    const methods = await t
      .http()
      .get('/api/v1/key-agreements/signing-methods')
      .set('authorization', f.manager.auth);
    expect(methods.body).toEqual([
      { method: 'in_person', available: true, strongIdentification: false },
      { method: 'link', available: true, strongIdentification: false },
      { method: 'visma_sign', available: true, strongIdentification: true },
    ]);
    const plain = await createTestApp();
    try {
      const g = await keyFixture(plain, ['P1']);
      const list = await plain
        .http()
        .get('/api/v1/key-agreements/signing-methods')
        .set('authorization', g.manager.auth);
      expect(list.body.find((m: { method: string }) => m.method === 'visma_sign').available).toBe(false);
      const refused = await plain
        .http()
        .post('/api/v1/key-agreements')
        .set('authorization', g.manager.auth)
        .send({ ...newAgreementBody(g.site.id, [g.keys[0]!.id]), signingMethod: 'visma_sign' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'signing_method_unavailable' });
      const [held] = await plain.sql<{ status: string }>(`SELECT status FROM keys WHERE id = $1`, [
        g.keys[0]!.id,
      ]);
      expect(held!.status).toBe('available');
    } finally {
      await plain.close();
    }
  });

  it("answers 404 to another site's manager", async () => {
    const agreement = await lendForVisma('V8');
    const other = await createSite(t);
    const stranger = await userWithToken(t, { roles: ['site_manager'], siteIds: [other.id] });
    const res = await t
      .http()
      .post(`/api/v1/key-agreements/${agreement.id}/signing-request`)
      .set('authorization', stranger.auth)
      .send({ method: 'visma_sign' });
    expect(res.status).toBe(404);
    expect(mock.requests).toHaveLength(0);
  });
});
