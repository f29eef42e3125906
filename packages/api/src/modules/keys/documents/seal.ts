import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
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

export async function fromPemBundle(pem: string, demo: boolean) {
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
  return new Uint8Array(await new SignPdf().sign(unsigned, new PadesSigner(creds), options.signingTime));
}

/**
 * Seals a PDF that is already signed (by a signing service) without touching its bytes: the seal
 * goes into an incremental update appended to the file, so the earlier signature stays valid. pdf-lib
 * parses the file and serialises only the objects the seal adds or changes; the new cross-reference
 * section points back to the original one. Files whose last cross-reference is a stream (PDF 1.5
 * object streams) are not handled here and are archived as the service made them.
 */
export async function sealIncrementally(original: Uint8Array, creds: SealCredentials, options: SealOptions) {
  const bytes = Buffer.from(original);
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1]);
  if (!Number.isFinite(prev) || bytes.subarray(prev, prev + 4).toString('latin1') !== 'xref') {
    throw new Error('Only PDFs with a classic cross-reference table can be sealed incrementally');
  }
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const before = doc.context.largestObjectNumber;
  const root = doc.context.trailerInfo.Root as PDFRef;
  const page = doc.getPages()[0]!;
  const acroForm = doc.catalog.get(PDFName.of('AcroForm'));
  const annots = page.node.get(PDFName.of('Annots'));
  const acroFormDict = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = acroFormDict?.get(PDFName.of('Fields'));
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: options.reason,
    contactInfo: options.contactInfo,
    name: creds.subject,
    location: options.location,
    signingTime: options.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 24_000,
    appName: 'Civic services',
  });
  const changed = new Map<number, PDFRef>();
  for (const ref of [root, page.ref, acroForm, annots, fields]) {
    if (ref instanceof PDFRef) changed.set(ref.objectNumber, ref);
  }
  for (const [ref] of doc.context.enumerateIndirectObjects()) {
    if (ref.objectNumber > before) changed.set(ref.objectNumber, ref);
  }
  const parts: Buffer[] = [Buffer.from(bytes.at(-1) === 0x0a ? '' : '\n', 'latin1')];
  let offset = bytes.length + parts[0]!.length;
  const offsets = new Map<number, { offset: number; gen: number }>();
  for (const ref of [...changed.values()].sort((a, b) => a.objectNumber - b.objectNumber)) {
    const object = doc.context.lookup(ref)!;
    const body = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(body, 0);
    const chunk = Buffer.concat([
      Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'),
      Buffer.from(body),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    offsets.set(ref.objectNumber, { offset, gen: ref.generationNumber });
    parts.push(chunk);
    offset += chunk.length;
  }
  // One cross-reference subsection per run of consecutive object numbers.
  let xref = 'xref\n';
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    xref += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const e = offsets.get(numbers[k]!)!;
      xref += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  const info = doc.context.trailerInfo.Info;
  const id = doc.context.trailerInfo.ID;
  xref +=
    `trailer\n<< /Size ${doc.context.largestObjectNumber + 1} /Root ${root.toString()}` +
    `${info ? ` /Info ${info.toString()}` : ''}${id ? ` /ID ${id.toString()}` : ''} /Prev ${prev} >>\n` +
    `startxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  const unsigned = Buffer.concat([bytes, ...parts]);
  return new Uint8Array(await new SignPdf().sign(unsigned, new PadesSigner(creds), options.signingTime));
}
