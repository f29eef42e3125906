import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_SIGNATURE,
  binaryBody,
  createSite,
  createTestApp,
  keyFixture,
  newAgreementBody,
  userWithToken,
  type TestApp,
} from './helpers.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof keyFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  f = await keyFixture(t, ['U5764', 'Y9087', 'K1001', 'K1002', 'K1003', 'K1004', 'K1005', 'K1006']);
});
afterAll(() => t.close());

const keyId = (code: string) => f.keys.find((k) => k.code === code)!.id;

async function lend(codes: string[], auth = f.manager.auth) {
  const res = await t
    .http()
    .post('/api/v1/key-agreements')
    .set('authorization', auth)
    .send(newAgreementBody(f.site.id, codes.map(keyId)));
  return res;
}

async function signHere(id: string, name = 'Maija Meikäläinen', auth = f.manager.auth) {
  return t
    .http()
    .post(`/api/v1/key-agreements/${id}/sign`)
    .set('authorization', auth)
    .send({ confirmedName: name, accepted: true, signature: TEST_SIGNATURE });
}

describe('lending and signing on the device', () => {
  it('creates a draft holding the keys, signs it, and stores a PDF with its hash', async () => {
    const created = await lend(['U5764', 'Y9087']);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'draft',
      keys: [
        { code: 'U5764', state: 'out' },
        { code: 'Y9087', state: 'out' },
      ],
    });
    expect(created.body.number).toMatch(/^AS-\d{4}-\d{6}$/);
    // A site manager does not get the renter's contact details or the timeline.
    expect(created.body.renter.email).toBeNull();
    expect(created.body.timeline).toBeUndefined();

    const keysNow = await t.sql<{ status: string }>(`SELECT status FROM keys WHERE id = ANY($1)`, [
      [keyId('U5764'), keyId('Y9087')],
    ]);
    expect(keysNow.map((k) => k.status)).toEqual(['lent', 'lent']);

    const signed = await signHere(created.body.id, '  maija   MEIKÄLÄINEN ');
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ state: 'active', signingMethod: 'in_person' });
    expect(signed.body.documents).toHaveLength(1);
    const doc = signed.body.documents[0];
    const pdf = await t
      .http()
      .get(`/api/v1/key-agreements/${created.body.id}/documents/${doc.id}`)
      .set('authorization', f.coordinator.auth)
      .buffer(true)
      .parse(binaryBody as never);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const verify = await t
      .http()
      .get(`/api/v1/key-agreements/${created.body.id}/documents/${doc.id}/verify`)
      .set('authorization', f.coordinator.auth);
    expect(verify.body).toMatchObject({ matches: true, storedSha256: doc.sha256 });

    // Tampering with the stored file is detected.
    await t.sql(`UPDATE key_agreement_documents SET pdf = pdf || '\\x00'::bytea WHERE id = $1`, [doc.id]);
    const tampered = await t
      .http()
      .get(`/api/v1/key-agreements/${created.body.id}/documents/${doc.id}/verify`)
      .set('authorization', f.coordinator.auth);
    expect(tampered.body.matches).toBe(false);

    // With no SMTP configured, the copy to the renter is held in the outbox, not lost.
    const mail = await t.sql<{ status: string; to_address: string }>(
      `SELECT status, to_address FROM outbound_emails WHERE agreement_id = $1`,
      [created.body.id],
    );
    expect(mail).toEqual([{ status: 'held', to_address: 'maija@example.test' }]);

    // The coordinator sees the full timeline with who did what.
    const detail = await t
      .http()
      .get(`/api/v1/key-agreements/${created.body.id}`)
      .set('authorization', f.coordinator.auth);
    expect(detail.body.timeline.map((e: { event: string }) => e.event)).toEqual(['created', 'sign']);
    expect(detail.body.renter.email).toBe('maija@example.test');
  });

  it('refuses a key that is already out and says who holds it', async () => {
    const res = await lend(['U5764']);
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('key_unavailable');
    expect(res.body.detail).toMatch(/U5764 is lent to Seura/);
    // The site manager is told the association, not the renter's name.
    expect(res.body.keys[0].holder.renter).toBeUndefined();
    const asCoordinator = await lend(['U5764'], f.coordinator.auth);
    expect(asCoordinator.body.keys[0].holder.renter).toBe('Maija Meikäläinen');
  });

  it('refuses an empty or tiny signature and a wrong name, changing nothing', async () => {
    const created = await lend(['K1001']);
    for (const signature of [
      { strokes: [] },
      {
        strokes: [
          [
            [10, 10],
            [14, 12],
          ],
        ],
      },
    ]) {
      const res = await t
        .http()
        .post(`/api/v1/key-agreements/${created.body.id}/sign`)
        .set('authorization', f.manager.auth)
        .send({ confirmedName: 'Maija Meikäläinen', accepted: true, signature });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('signature_invalid');
    }
    const wrongName = await signHere(created.body.id, 'Someone Else');
    expect(wrongName.status).toBe(422);
    expect(wrongName.body.errors[0]).toEqual({ field: '/confirmedName', message: 'name_mismatch' });
    const notAccepted = await t
      .http()
      .post(`/api/v1/key-agreements/${created.body.id}/sign`)
      .set('authorization', f.manager.auth)
      .send({ confirmedName: 'Maija Meikäläinen', accepted: false, signature: TEST_SIGNATURE });
    expect(notAccepted.status).toBe(422);
    const [row] = await t.sql<{ state: string; n: number }>(
      `SELECT state, (SELECT count(*)::int FROM key_agreement_documents WHERE agreement_id = $1) AS n FROM key_agreements WHERE id = $1`,
      [created.body.id],
    );
    expect(row).toEqual({ state: 'draft', n: 0 });
    // Cancelling the draft frees the key.
    const cancelled = await t
      .http()
      .post(`/api/v1/key-agreements/${created.body.id}/cancel`)
      .set('authorization', f.manager.auth)
      .send({ reason: 'changed plans' });
    expect(cancelled.body.state).toBe('cancelled');
    expect(cancelled.body.keys[0].state).toBe('released');
    const [key] = await t.sql<{ status: string }>(`SELECT status FROM keys WHERE id = $1`, [keyId('K1001')]);
    expect(key!.status).toBe('available');
  });

  it('refuses every transition the state machine does not allow', async () => {
    const created = await lend(['K1002']);
    await signHere(created.body.id);
    const again = await signHere(created.body.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
    const cancel = await t
      .http()
      .post(`/api/v1/key-agreements/${created.body.id}/cancel`)
      .set('authorization', f.manager.auth)
      .send({ reason: '' });
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ code: 'invalid_transition', state: 'active', event: 'cancel' });
    const link = await t
      .http()
      .post(`/api/v1/key-agreements/${created.body.id}/signing-link`)
      .set('authorization', f.manager.auth)
      .send({});
    expect(link.status).toBe(409);
  });
});

describe('returning keys', () => {
  it('returns some keys, then the rest with one lost; the lost key reaches the coordinator', async () => {
    const created = await lend(['K1003', 'K1004', 'K1005']);
    const id = created.body.id;
    await signHere(id);
    const some = await t
      .http()
      .post(`/api/v1/key-agreements/${id}/return`)
      .set('authorization', f.manager.auth)
      .send({ returnedKeyIds: [keyId('K1003')], lostKeys: [] });
    expect(some.status).toBe(200);
    expect(some.body.state).toBe('partially_returned');
    expect(some.body.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'signed_agreement',
      'return_receipt',
    ]);

    // A key not out under this agreement is refused.
    const wrong = await t
      .http()
      .post(`/api/v1/key-agreements/${id}/return`)
      .set('authorization', f.manager.auth)
      .send({ returnedKeyIds: [keyId('K1003')], lostKeys: [] });
    expect(wrong.status).toBe(422);

    const rest = await t
      .http()
      .post(`/api/v1/key-agreements/${id}/return`)
      .set('authorization', f.manager.auth)
      .send({
        returnedKeyIds: [keyId('K1004')],
        lostKeys: [{ keyId: keyId('K1005'), note: 'Lost at the gym' }],
        signature: TEST_SIGNATURE,
        signedName: 'Maija Meikäläinen',
      });
    expect(rest.status).toBe(200);
    expect(rest.body.state).toBe('returned');
    const statuses = await t.sql<{ code: string; status: string }>(
      `SELECT code, status FROM keys WHERE id = ANY($1) ORDER BY code`,
      [[keyId('K1003'), keyId('K1004'), keyId('K1005')]],
    );
    expect(statuses).toEqual([
      { code: 'K1003', status: 'available' },
      { code: 'K1004', status: 'available' },
      { code: 'K1005', status: 'lost' },
    ]);
    const lost = await t.http().get('/api/v1/keys/lost').set('authorization', f.coordinator.auth);
    expect(lost.body).toContainEqual(
      expect.objectContaining({
        code: 'K1005',
        opens: 'Door of K1005',
        note: 'Lost at the gym',
        agreementNumber: created.body.number,
      }),
    );
    const history = await t
      .http()
      .get(`/api/v1/keys/${keyId('K1005')}`)
      .set('authorization', f.coordinator.auth);
    expect(history.body.history.map((h: { event: string }) => h.event)).toEqual(['lost', 'lent']);

    // Ended agreements leave the site manager's view; the archive is for key staff.
    const asManager = await t.http().get(`/api/v1/key-agreements/${id}`).set('authorization', f.manager.auth);
    expect(asManager.status).toBe(404);
    const returnAgain = await t
      .http()
      .post(`/api/v1/key-agreements/${id}/return`)
      .set('authorization', f.coordinator.auth)
      .send({ returnedKeyIds: [keyId('K1004')], lostKeys: [] });
    expect(returnAgain.status).toBe(409);
  });

  it('finds current agreements by renter, association or key code for the return screen', async () => {
    const created = await lend(['K1006']);
    await signHere(created.body.id);
    for (const q of ['maija', created.body.association.name.slice(0, 8), 'k1006']) {
      const res = await t
        .http()
        .get(`/api/v1/sites/${f.site.id}/current-agreements`)
        .query({ q })
        .set('authorization', f.manager.auth);
      expect(res.status).toBe(200);
      expect(res.body.map((a: { id: string }) => a.id)).toContain(created.body.id);
    }
    const [entry] = await t.sql<{ purpose: string }>(
      `SELECT purpose FROM audit_log WHERE action = 'key_agreement.listed_current' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry!.purpose).toBe('key_return');
  });
});

describe('other sites and roles', () => {
  it("gives another site's manager 404 for everything at this site", async () => {
    const other = await createSite(t);
    const stranger = await userWithToken(t, { roles: ['site_manager'], siteIds: [other.id] });
    const [agreement] = await t.sql<{ id: string }>(
      `SELECT id FROM key_agreements WHERE site_id = $1 AND state = 'active' LIMIT 1`,
      [f.site.id],
    );
    const checks = [
      t.http().get(`/api/v1/key-agreements/${agreement!.id}`),
      t.http().get(`/api/v1/sites/${f.site.id}`),
      t.http().get(`/api/v1/sites/${f.site.id}/keys`),
      t.http().get(`/api/v1/sites/${f.site.id}/current-agreements`),
      t
        .http()
        .post(`/api/v1/key-agreements/${agreement!.id}/return`)
        .send({ returnedKeyIds: [keyId('U5764')], lostKeys: [] }),
      t.http().post(`/api/v1/key-agreements/${agreement!.id}/cancel`).send({ reason: 'x' }),
      t
        .http()
        .post('/api/v1/key-agreements')
        .send(newAgreementBody(f.site.id, [keyId('K1003')])),
    ];
    for (const [i, req] of checks.entries()) {
      const res = await req.set('authorization', stranger.auth);
      expect(res.status, `check ${i}`).toBe(404);
    }
    const sites = await t.http().get('/api/v1/sites').set('authorization', stranger.auth);
    expect(sites.body.map((s: { id: string }) => s.id)).toEqual([other.id]);
  });

  it('keeps the report, exports and archive from site managers and care staff', async () => {
    const carer = await userWithToken(t, { roles: ['care_coordinator'] });
    for (const auth of [f.manager.auth, carer.auth]) {
      for (const url of [
        '/api/v1/key-agreements',
        '/api/v1/key-agreements/export?format=csv',
        '/api/v1/keys/lost',
      ]) {
        const res = await t.http().get(url).set('authorization', auth);
        expect(res.status, url).toBe(403);
      }
    }
  });
});

describe('agreement templates', () => {
  it('refuses to lend at a site whose department has no template and no default exists', async () => {
    const t2 = await createTestApp();
    try {
      const site = await createSite(t2);
      const [key] = await t2.sql<{ id: string }>(
        `INSERT INTO keys (site_id, code, opens) VALUES ($1, 'T1', 'Door') RETURNING id`,
        [site.id],
      );
      const coordinator = await userWithToken(t2, { roles: ['key_coordinator'] });
      const res = await t2
        .http()
        .post('/api/v1/key-agreements')
        .set('authorization', coordinator.auth)
        .send(newAgreementBody(site.id, [key!.id]));
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/no agreement template/);
      expect(await t2.sql(`SELECT 1 FROM key_agreements`)).toHaveLength(0);
    } finally {
      await t2.close();
    }
  });
});

describe('renter type-ahead', () => {
  it("finds a site manager only the chosen association's contact persons, and audits the search", async () => {
    const noAssociation = await t
      .http()
      .get('/api/v1/renters')
      .query({ q: 'maija' })
      .set('authorization', f.manager.auth);
    expect(noAssociation.status).toBe(422);
    const [a] = await t.sql<{ id: string }>(
      `SELECT association_id AS id FROM renters WHERE name = 'Maija Meikäläinen' LIMIT 1`,
    );
    const found = await t
      .http()
      .get('/api/v1/renters')
      .query({ q: 'maija', associationId: a!.id })
      .set('authorization', f.manager.auth);
    expect(found.status).toBe(200);
    expect(found.body.length).toBeGreaterThanOrEqual(1);
    expect(found.body.every((r: { association: { id: string } }) => r.association.id === a!.id)).toBe(true);
    // Key staff may search across associations.
    const all = await t
      .http()
      .get('/api/v1/renters')
      .query({ q: 'maija' })
      .set('authorization', f.coordinator.auth);
    expect(all.body.length).toBeGreaterThan(found.body.length);
    const audits = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'renter.searched'`);
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('limits a site manager to renters who had agreements at their own sites, masked, from two characters', async () => {
    // An association that rented only at another site: its contact persons stay out of reach.
    const elsewhere = await keyFixture(t, ['E1']);
    const lent = await t
      .http()
      .post('/api/v1/key-agreements')
      .set('authorization', elsewhere.manager.auth)
      .send(
        newAgreementBody(elsewhere.site.id, [elsewhere.keys[0]!.id], {
          name: 'Outi Ulkopuolinen',
          email: 'outi@example.test',
          phone: '+358 40 765 4321',
        }),
      );
    expect(lent.status).toBe(201);
    const association = lent.body.association.id as string;
    const search = (auth: string, q: string, associationId = association) =>
      t.http().get('/api/v1/renters').query({ q, associationId }).set('authorization', auth);
    expect((await search(f.manager.auth, '@')).status).toBe(422);
    expect((await search(f.manager.auth, '  o ')).status).toBe(422);
    expect((await search(f.manager.auth, '@example')).body).toEqual([]);
    // Their own site manager finds them, without the contact details.
    const own = await search(elsewhere.manager.auth, 'outi');
    expect(own.status).toBe(200);
    expect(own.body).toEqual([
      expect.objectContaining({ name: 'Outi Ulkopuolinen', email: 'o***@example.test', phone: '*** 21' }),
    ]);
    // Key staff see them in full.
    const staff = await search(f.coordinator.auth, 'outi');
    expect(staff.body[0]).toMatchObject({ email: 'outi@example.test', phone: '+358 40 765 4321' });
  });
});
