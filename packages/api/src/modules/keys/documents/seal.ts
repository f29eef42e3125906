import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { PDFDocument } from 'pdf-lib';
import signpdf from '@signpdf/signpdf';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { Config } from '../../../config.ts';

/**
 * The city's electronic seal on every PDF the keys module archives: a PDF signature (ETSI.CAdES.detached,
 * PAdES baseline B-B: signed attributes content-type, message-digest and signing-certificate-v2, the
 * signing time in the signature dictionary) made with the certificate in KEY_SEAL_P12_PATH. Without
 * one, a self-signed demo certificate is generated once into DATA_DIR, so every installation seals.
 */

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }));

type CryptoKey = webcrypto.CryptoKey;
const BAG = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
};

export interface SealCredentials {
  key: CryptoKey;
  certificate: pkijs.Certificate;
  chain: pkijs.Certificate[];
  /** SHA-256 of the signing certificate (DER), to recognise our own seal when verifying. */
  certificateSha256: string;
  subject: string;
  /** A generated demo certificate, not the city's. */
  demo: boolean;
}

const toArrayBuffer = (b: Uint8Array) =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export function commonName(name: pkijs.RelativeDistinguishedNames): string {
  const cn = name.typesAndValues.find((t) => t.type === '2.5.4.3');
  const o = name.typesAndValues.find((t) => t.type === '2.5.4.10');
  return [cn, o]
    .filter(Boolean)
    .map((t) => String(t!.value.valueBlock.value))
    .join(', ');
}

function forgeCertToPkijs(cert: forge.pki.Certificate) {
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { der, pkijs: pkijs.Certificate.fromBER(toArrayBuffer(der)) };
}

async function credentials(
  privateKeyPem: string,
  certs: forge.pki.Certificate[],
  demo: boolean,
): Promise<SealCredentials> {
  const forgeKey = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  // The signing certificate is the one whose public key matches the private key; the rest is its chain.
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n.compareTo(forgeKey.n) === 0 && pub.e.compareTo(forgeKey.e) === 0;
  });
  if (!own) throw new Error('The seal certificate file has no certificate matching its private key');
  const converted = [own, ...certs.filter((c) => c !== own)].map(forgeCertToPkijs);
  const pkcs8 = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    pkcs8,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return {
    key,
    certificate: converted[0]!.pkijs,
    chain: converted.map((c) => c.pkijs),
    certificateSha256: createHash('sha256').update(converted[0]!.der).digest('hex'),
    subject: commonName(converted[0]!.pkijs.subject),
    demo,
  };
}

/** Reads the city's PKCS#12 file (RSA key and certificate chain). */
async function fromP12(file: string, passphrase: string) {
  const der = readFileSync(file);
  const p12 = forge.pkcs12.pkcs12FromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary'))),
    false,
    passphrase,
  );
  const keyBag =
    p12.getBags({ bagType: BAG.shroudedKey })[BAG.shroudedKey]?.[0] ??
    p12.getBags({ bagType: BAG.key })[BAG.key]?.[0];
  if (!keyBag?.key) throw new Error(`${file} holds no private key (only RSA keys are supported)`);
  const certs = (p12.getBags({ bagType: BAG.cert })[BAG.cert] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  return credentials(forge.pki.privateKeyToPem(keyBag.key), certs, false);
}

/** A self-signed certificate for installations without the city's own; made once, kept in DATA_DIR. */
export function createDemoSealPem(subject = 'Demo seal, not the City of Helsinki certificate'): string {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600_000);
  const attrs = [
    { name: 'commonName', value: subject },
    { name: 'organizationName', value: 'Civic services (demo)' },
    { name: 'countryName', value: 'FI' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return `${keyPem}${forge.pki.certificateToPem(cert)}`;
}

/** The demo bundle in DATA_DIR, created atomically so two instances starting together agree on one. */
function demoBundle(dataDir: string): string {
  const file = path.join(dataDir, 'seal-demo.pem');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, createDemoSealPem(), { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  return readFileSync(file, 'utf8');
}

async function fromPemBundle(pem: string, demo: boolean) {
  const keyPem = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/.exec(
    pem,
  )?.[0];
  const certs = [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) =>
    forge.pki.certificateFromPem(m[0]),
  );
  if (!keyPem || !certs.length) throw new Error('The seal bundle needs a private key and a certificate');
  return credentials(keyPem, certs, demo);
}

const loaded = new WeakMap<Config, Promise<SealCredentials>>();

/** The seal credentials of this configuration (read once; a bad file stops the start-up). */
export function sealCredentials(config: Config): Promise<SealCredentials> {
  let creds = loaded.get(config);
  if (!creds) {
    creds = config.KEY_SEAL_P12_PATH
      ? fromP12(config.KEY_SEAL_P12_PATH, config.KEY_SEAL_P12_PASSWORD)
      : fromPemBundle(demoBundle(config.DATA_DIR), true);
    loaded.set(config, creds);
  }
  return creds;
}

/** CMS SignedData over the PDF's byte ranges, with the attributes PAdES baseline B-B asks for. */
export class PadesSigner extends Signer {
  constructor(private readonly creds: SealCredentials) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const { certificate, chain, key } = this.creds;
    const digest = createHash('sha256').update(pdfBuffer).digest();
    const certHash = createHash('sha256')
      .update(Buffer.from(certificate.toSchema().toBER(false)))
      .digest();
    const issuerSerial = new asn1js.Sequence({
      value: [
        new pkijs.GeneralNames({
          names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })],
        }).toSchema(),
        certificate.serialNumber,
      ],
    });
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; SHA-256 is the default hash.
    const signingCertificateV2 = new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [
            new asn1js.Sequence({
              value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }), issuerSerial],
            }),
          ],
        }),
      ],
    });
    const signedData = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({
            issuer: certificate.issuer,
            serialNumber: certificate.serialNumber,
          }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({
                type: OID.contentType,
                values: [new asn1js.ObjectIdentifier({ value: OID.data })],
              }),
              new pkijs.Attribute({
                type: OID.messageDigest,
                values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })],
              }),
              new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
            ],
          }),
        }),
      ],
      certificates: chain,
    });
    await signedData.sign(key as never, 0, 'SHA-256');
    const cms = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return Buffer.from(cms.toSchema().toBER(false));
  }
}

export interface SealOptions {
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

/** Seals a PDF built with pdf-lib: a signature field (invisible), then the CMS in its placeholder. */
export async function sealPdf(doc: PDFDocument, creds: SealCredentials, options: SealOptions) {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: options.reason,
    contactInfo: options.contactInfo,
    name: creds.subject,
    location: options.location,
    signingTime: options.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    // Hex digits for the CMS: room for a signing certificate with a chain of a few CA certificates.
    signatureLength: 24_000,
    appName: 'Civic services',
  });
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new Uint8Array(await signpdf.sign(unsigned, new PadesSigner(creds), options.signingTime));
}
