import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { commonName, type SealCredentials } from './seal.ts';

/** One PDF signature as found in the file, checked on its own. */
export interface PdfSignatureCheck {
  /** The CMS signature matches the signed byte ranges and the signer's certificate. */
  valid: boolean;
  signer: string | null;
  certificateSha256: string | null;
  selfSigned: boolean;
  /** Made with this installation's seal certificate. */
  ours: boolean;
  signedAt: string | null;
  subFilter: string | null;
  /** Nothing was added to the file after this signature. */
  coversWholeDocument: boolean;
  problem: string | null;
}

const toArrayBuffer = (b: Uint8Array) =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** `D:20261022181841+03'00'` → ISO time. */
function pdfDate(value: string | undefined): string | null {
  const m = value && /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value);
  if (!m) return null;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

async function checkOne(
  pdf: Buffer,
  range: [number, number, number, number],
  dictionary: string,
  creds: SealCredentials,
): Promise<PdfSignatureCheck> {
  const [a, b, c, d] = range;
  const result: PdfSignatureCheck = {
    valid: false,
    signer: null,
    certificateSha256: null,
    selfSigned: false,
    ours: false,
    signedAt: pdfDate(/\/M\s*\((D:[^)]+)\)/.exec(dictionary)?.[1]),
    subFilter: /\/SubFilter\s*\/([A-Za-z0-9.#]+)/.exec(dictionary)?.[1] ?? null,
    coversWholeDocument: a === 0 && c + d === pdf.length,
    problem: null,
  };
  if (a !== 0 || a + b > c || c + d > pdf.length) return { ...result, problem: 'byte_range_out_of_file' };
  const hex = pdf
    .subarray(a + b, c)
    .toString('latin1')
    .replace(/[<>\s]/g, '');
  let signedData: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(Buffer.from(hex, 'hex')));
    if (asn.offset === -1) return { ...result, problem: 'unreadable_signature' };
    signedData = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: asn.result }).content });
  } catch {
    return { ...result, problem: 'unreadable_signature' };
  }
  // Who signed, from the certificate the signer info names (known even when the check fails).
  const sid = signedData.signerInfos[0]?.sid;
  const cert = (signedData.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate &&
      sid instanceof pkijs.IssuerAndSerialNumber &&
      c.issuer.isEqual(sid.issuer) &&
      c.serialNumber.isEqual(sid.serialNumber),
  );
  if (cert) {
    const der = Buffer.from(cert.toSchema().toBER(false));
    result.certificateSha256 = createHash('sha256').update(der).digest('hex');
    result.signer = commonName(cert.subject);
    result.selfSigned = cert.subject.isEqual(cert.issuer);
    result.ours = result.certificateSha256 === creds.certificateSha256;
  }
  try {
    const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    const outcome = await signedData.verify({
      signer: 0,
      data: toArrayBuffer(signed),
      checkChain: false,
      extendedMode: true,
    });
    result.valid = outcome.signatureVerified === true;
    if (!result.valid) result.problem = outcome.message || 'signature_mismatch';
  } catch (err) {
    // pkijs reports a changed document as an exception from the message-digest check.
    result.problem = (err as { message?: string }).message ?? 'signature_mismatch';
  }
  return result;
}

/** Every PDF signature in the file (the vendor's, ours), each with its own verdict. */
export async function checkPdfSignatures(pdf: Buffer, creds: SealCredentials): Promise<PdfSignatureCheck[]> {
  const text = pdf.toString('latin1');
  const checks: PdfSignatureCheck[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const range = m.slice(1, 5).map(Number) as [number, number, number, number];
    // The signature dictionary around this ByteRange holds its /M and /SubFilter.
    const start = text.lastIndexOf('obj', m.index);
    const end = text.indexOf('endobj', m.index);
    const dictionary = text.slice(Math.max(0, start), end === -1 ? m.index + 2000 : end);
    checks.push(await checkOne(pdf, range, dictionary.replace(/\/Contents\s*<[0-9A-Fa-f\s]*>/, ''), creds));
  }
  return checks;
}

export interface SealReport {
  /** The file carries this installation's seal, the seal is valid and nothing was added after it. */
  valid: boolean;
  sealed: boolean;
  signer: string | null;
  demoCertificate: boolean;
  signedAt: string | null;
  level: string;
  signatures: PdfSignatureCheck[];
}

export async function sealReport(pdf: Buffer, creds: SealCredentials): Promise<SealReport> {
  const signatures = await checkPdfSignatures(pdf, creds);
  const seal = signatures.filter((s) => s.ours).at(-1) ?? null;
  return {
    valid: !!seal && seal.valid && seal.coversWholeDocument && signatures.every((s) => s.valid),
    sealed: !!seal,
    signer: seal?.signer ?? null,
    demoCertificate: !!seal && creds.demo,
    signedAt: seal?.signedAt ?? null,
    level: 'PAdES baseline B-B (ETSI.CAdES.detached), no trusted timestamp',
    signatures,
  };
}
