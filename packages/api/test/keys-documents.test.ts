import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { createDemoSealPem } from '../src/modules/keys/documents/seal.ts';
import {
  TEST_SIGNATURE,
  binaryBody,
  createTestApp,
  keyFixture,
  newAgreementBody,
  type TestApp,
} from './helpers.ts';

/** A template written the way coordinators write one: a heading, numbered terms, paragraphs. */
const TEMPLATE = {
  fi: 'Avainten käyttöehdot\n\n1. Vuokralainen vastaa hänelle luovutetuista avaimista koko sopimuskauden ajan, myös silloin kun avainta käyttää joku toinen seuran jäsen.\n2. Avaimia ei saa luovuttaa eteenpäin eikä kopioida.\n3. Kadonneesta avaimesta ilmoitetaan heti kohdevastaavalle.\r\n\r\nSopimus päättyy, kun kaikki avaimet on palautettu.\nKysymykset: liikuntapaikkavaraukset.',
  sv: 'Villkor för nycklarna\n\n1. Hyresgästen ansvarar för nycklarna under hela avtalsperioden, även när en annan medlem i föreningen använder dem.\n2. Nycklarna får inte lämnas vidare eller kopieras.\n3. En förlorad nyckel anmäls genast till objektansvarig.\n\nAvtalet upphör när alla nycklar har återlämnats.',
  en: 'Terms of use of the keys\n\n1. The renter is responsible for the keys for the whole term of the agreement, also when another member of the association uses them.\n2. The keys must not be passed on or copied.\n3. A lost key is reported to the site manager at once.\n\nThe agreement ends when all keys have been returned.',
};

let t: TestApp;
let f: Awaited<ReturnType<typeof keyFixture>>;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'civic-docs-'));

beforeAll(async () => {
  t = await createTestApp();
  f = await keyFixture(t, ['K2001', 'K2002', 'K2003', 'K2004', 'K2005']);
  await t.sql(`INSERT INTO agreement_templates (department, version, texts) VALUES ('*', 2, $1)`, [
    JSON.stringify(TEMPLATE),
  ]);
});
afterAll(async () => {
  await t.close();
  rmSync(tmp, { recursive: true, force: true });
});

const keyId = (code: string) => f.keys.find((k) => k.code === code)!.id;

async function lendAndSign(code: string, language: 'fi' | 'sv' | 'en') {
  const created = await t
    .http()
    .post('/api/v1/key-agreements')
    .set('authorization', f.manager.auth)
    .send({ ...newAgreementBody(f.site.id, [keyId(code)]), language });
  expect(created.status).toBe(201);
  const signed = await t
    .http()
    .post(`/api/v1/key-agreements/${created.body.id}/sign`)
    .set('authorization', f.manager.auth)
    .send({ confirmedName: 'Maija Meikäläinen', accepted: true, signature: TEST_SIGNATURE });
  expect(signed.status).toBe(200);
  const doc = signed.body.documents[0];
  const pdf = await t
    .http()
    .get(`/api/v1/key-agreements/${created.body.id}/documents/${doc.id}`)
    .set('authorization', f.coordinator.auth)
    .buffer(true)
    .parse(binaryBody as never);
  return { agreement: signed.body, doc, pdf: pdf.body as Buffer };
}

function pdfsig(pdf: Buffer) {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  try {
    return execFileSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

describe('the agreement text in the PDF', () => {
  it.each(['fi', 'sv', 'en'] as const)(
    'keeps paragraphs, numbered terms and line breaks as written (%s)',
    async (language) => {
      const { pdf } = await lendAndSign(
        language === 'fi' ? 'K2001' : language === 'sv' ? 'K2002' : 'K2003',
        language,
      );
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
      const lines = text.split('\n').map((l) => l.trim());
      const terms = TEMPLATE[language];
      // No line break printed as a character, nothing run together.
      expect(text).not.toContain('?');
      expect(text).not.toMatch(/\.\s*\?\s*\d\./);
      // Every numbered term starts its own line; the heading and the closing paragraph stand alone.
      for (const n of [1, 2, 3]) expect(lines.some((l) => l.startsWith(`${n}. `))).toBe(true);
      const heading = terms.split('\n')[0]!;
      expect(lines).toContain(heading);
      const closing = terms
        .split(/\n\s*\n/)
        .at(-1)!
        .split('\n')[0]!
        .trim();
      expect(lines).toContain(closing);
      // A long term wraps onto a following line instead of running off the page.
      const first = terms.split('\n').find((l) => l.startsWith('1. '))!;
      expect(lines).not.toContain(first);
      const start = lines.findIndex((l) => l.startsWith('1. '));
      expect(`${lines[start]} ${lines[start + 1]}`).toBe(first);
    },
  );

  it('renders the numbered terms with a hanging indent (looked at as an image)', async () => {
    const { pdf } = await lendAndSign('K2004', 'fi');
    const file = path.join(tmp, 'layout.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, path.join(tmp, 'layout')]);
    expect(existsSync(path.join(tmp, 'layout-1.png'))).toBe(true);
  });
});

describe('the seal on archived PDFs', () => {
  it('seals the signed agreement; pdfsig and the verify endpoint find it valid, and a change breaks it', async () => {
    const { agreement, doc, pdf } = await lendAndSign('K2005', 'en');
    const report = pdfsig(pdf);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(report).toMatch(/Signer Certificate Common Name: Demo seal/);

    const verify = await t
      .http()
      .get(`/api/v1/key-agreements/${agreement.id}/documents/${doc.id}/verify`)
      .set('authorization', f.coordinator.auth);
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({
      matches: true,
      seal: {
        valid: true,
        sealed: true,
        demoCertificate: true,
        signatures: [
          { valid: true, ours: true, coversWholeDocument: true, subFilter: 'ETSI.CAdES.detached' },
        ],
      },
    });
    expect(verify.body.seal.signer).toMatch(/^Demo seal/);

    // One changed byte inside the signed range: the hash and the seal both say so.
    const text = pdf.toString('latin1');
    const at = text.indexOf('/Producer');
    const changed = Buffer.from(pdf);
    changed[at + 1] = 'Q'.charCodeAt(0);
    expect(pdfsig(changed)).not.toContain('Signature Validation: Signature is Valid.');
    await t.sql(`UPDATE key_agreement_documents SET pdf = $2 WHERE id = $1`, [doc.id, changed]);
    const tampered = await t
      .http()
      .get(`/api/v1/key-agreements/${agreement.id}/documents/${doc.id}/verify`)
      .set('authorization', f.coordinator.auth);
    expect(tampered.body).toMatchObject({ matches: false, seal: { valid: false, sealed: true } });
    expect(tampered.body.seal.signatures[0].valid).toBe(false);
  });
});

describe('the seal certificate', () => {
  it('makes a demo certificate in the data folder on the first start and keeps it', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    const first = await createTestApp({ DATA_DIR: dataDir });
    await first.close();
    const bundle = readFileSync(path.join(dataDir, 'seal-demo.pem'), 'utf8');
    expect(bundle).toContain('BEGIN PRIVATE KEY');
    const second = await createTestApp({ DATA_DIR: dataDir });
    await second.close();
    expect(readFileSync(path.join(dataDir, 'seal-demo.pem'), 'utf8')).toBe(bundle);
  });

  it("seals with the city's PKCS#12 certificate from configuration", async () => {
    const pem = createDemoSealPem('Helsingin kaupunki, avainrekisteri (test)');
    const key = forge.pki.privateKeyFromPem(pem);
    const cert = forge.pki.certificateFromPem(
      /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.exec(pem)![0],
    );
    const p12 = forge.asn1
      .toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], 'salasana', { algorithm: '3des' }))
      .getBytes();
    const file = path.join(tmp, 'city.p12');
    writeFileSync(file, Buffer.from(p12, 'binary'));
    const city = await createTestApp({ KEY_SEAL_P12_PATH: file, KEY_SEAL_P12_PASSWORD: 'salasana' });
    try {
      const g = await keyFixture(city, ['C1']);
      const created = await city
        .http()
        .post('/api/v1/key-agreements')
        .set('authorization', g.manager.auth)
        .send(newAgreementBody(g.site.id, [g.keys[0]!.id]));
      const signed = await city
        .http()
        .post(`/api/v1/key-agreements/${created.body.id}/sign`)
        .set('authorization', g.manager.auth)
        .send({ confirmedName: 'Maija Meikäläinen', accepted: true, signature: TEST_SIGNATURE });
      const verify = await city
        .http()
        .get(`/api/v1/key-agreements/${created.body.id}/documents/${signed.body.documents[0].id}/verify`)
        .set('authorization', g.coordinator.auth);
      expect(verify.body.seal).toMatchObject({ valid: true, demoCertificate: false });
      expect(verify.body.seal.signer).toBe(
        'Helsingin kaupunki, avainrekisteri (test), Civic services (demo)',
      );
    } finally {
      await city.close();
    }
  });

  it('refuses to start with a seal file it cannot open', async () => {
    const file = path.join(tmp, 'broken.p12');
    writeFileSync(file, 'not a certificate');
    await expect(createTestApp({ KEY_SEAL_P12_PATH: file })).rejects.toThrow();
  });
});
