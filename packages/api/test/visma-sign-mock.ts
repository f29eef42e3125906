import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type * as PdfLib from 'pdf-lib';
import {
  createDemoSealPem,
  fromPemBundle,
  sealPdf,
  type SealCredentials,
} from '../src/modules/keys/documents/seal.ts';

// pdf-lib as @signpdf/placeholder-pdf-lib loads it (CommonJS), whichever loader runs this file:
// the Chromium suite's global setup would otherwise load a second copy, and the placeholder's
// objects would not belong to this document.
const { PDFDocument, rgb } = createRequire(import.meta.url)('pdf-lib') as typeof PdfLib;

/**
 * A local stand-in for the Visma Sign document API (v1), the subset the product uses, behaving like
 * the real one: every request must carry a valid `Authorization: Onnistuu id:mac` (HMAC-SHA512 over
 * METHOD, Content-MD5, Content-Type, Date and the path with its query, keyed with the base64-decoded
 * secret), a Content-MD5 that matches the body and a Date within 15 minutes, or it answers 401. A
 * document takes one PDF; cancel needs an unsigned document. Signing happens "at the vendor" through
 * `sign()`, which returns the PDF with a signature page, signed with the vendor's own certificate.
 * Faults (status codes, delays) can be queued per path.
 */

interface MockInvitation {
  uuid: string;
  status: string;
  email: string;
  sms?: string;
  name?: string;
  language?: string;
  signature_type?: string;
  passphrase: string;
  messages?: Record<string, unknown>;
}
interface MockDocument {
  uuid: string;
  name: string;
  status: 'new' | 'pending' | 'signed' | 'cancelled' | 'deleted';
  file: Buffer | null;
  filename: string | null;
  signedFile: Buffer | null;
  invitations: MockInvitation[];
}
export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  /** The request's signature matched (false means the mock answered 401). */
  authenticated: boolean;
  contentType: string;
  body: Buffer;
}
interface Fault {
  match: RegExp;
  method?: string;
  status?: number;
  delayMs?: number;
  times: number;
}

export async function startVismaSignMock(opts: { identifier?: string; secret?: string } = {}) {
  const identifier = opts.identifier ?? randomUUID();
  const secret = opts.secret ?? randomBytes(32).toString('base64');
  const documents = new Map<string, MockDocument>();
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  let vendorCreds: SealCredentials | null = null;

  function verify(req: IncomingMessage, body: Buffer): boolean {
    const auth = req.headers.authorization ?? '';
    const m = /^Onnistuu ([^:]+):(.+)$/.exec(auth);
    if (!m || m[1] !== identifier) return false;
    const date = req.headers.date ?? '';
    const when = Date.parse(date);
    if (!date || Number.isNaN(when) || Math.abs(Date.now() - when) > 15 * 60_000) return false;
    const md5 = createHash('md5').update(body).digest('base64');
    if (req.headers['content-md5'] !== md5) return false;
    const contentType = req.headers['content-type'] ?? '';
    const expected = createHmac('sha512', Buffer.from(secret, 'base64'))
      .update([req.method, md5, contentType, date, req.url].join('\n'), 'utf8')
      .digest('base64');
    return expected === m[2];
  }

  const json = (
    res: ServerResponse,
    status: number,
    value: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(value === undefined ? '' : JSON.stringify(value));
    return status;
  };

  function statusOf(doc: MockDocument) {
    return {
      uuid: doc.uuid,
      name: doc.name,
      status: doc.status,
      files: doc.file ? [{ name: doc.filename, order: 0 }] : [],
      invitations: doc.invitations.map((i) => ({
        uuid: i.uuid,
        status: i.status,
        passphrase: i.passphrase,
        email: i.email,
        sms: i.sms,
        name: i.name,
      })),
    };
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
  ): Promise<number> {
    const path = url.pathname;
    if (req.method === 'POST' && path === '/api/v1/document/') {
      const name = (JSON.parse(body.toString('utf8')) as { document?: { name?: string } }).document?.name;
      if (!name)
        return json(res, 400, { error: 'Missing document name', validation_errors: { name: 'required' } });
      const uuid = randomUUID();
      documents.set(uuid, {
        uuid,
        name,
        status: 'new',
        file: null,
        filename: null,
        signedFile: null,
        invitations: [],
      });
      return json(res, 201, undefined, { location: `${baseUrl}/api/v1/document/${uuid}` });
    }
    const m = /^\/api\/v1\/document\/([0-9a-f-]+)(\/files|\/files\/0|\/invitations|\/cancel)?$/.exec(path);
    const doc = m ? documents.get(m[1]!) : undefined;
    if (!m || !doc || doc.status === 'deleted') return json(res, 404, { error: 'Document not found' });
    const sub = m[2] ?? '';
    if (req.method === 'GET' && sub === '') return json(res, 200, statusOf(doc));
    if (req.method === 'POST' && sub === '/files') {
      if (req.headers['content-type'] !== 'application/pdf' || body.subarray(0, 5).toString() !== '%PDF-')
        return json(res, 400, { error: 'File must be a PDF' });
      if (doc.file) return json(res, 400, { error: 'A document can include only one file' });
      doc.file = body;
      doc.filename = url.searchParams.get('filename');
      return json(res, 201, { uuid: randomUUID() });
    }
    if (req.method === 'POST' && sub === '/invitations') {
      if (!doc.file) return json(res, 400, { error: 'Add a file first' });
      const invitees = JSON.parse(body.toString('utf8')) as Omit<
        MockInvitation,
        'uuid' | 'status' | 'passphrase'
      >[];
      if (!Array.isArray(invitees) || !invitees.length || invitees.some((i) => !i.email))
        return json(res, 400, { error: 'Invalid invitations', validation_errors: { email: 'required' } });
      const created = invitees.map((i) => ({
        ...i,
        uuid: randomUUID(),
        status: 'new',
        passphrase: randomBytes(4).toString('hex'),
      }));
      doc.invitations.push(...created);
      doc.status = 'pending';
      return json(
        res,
        201,
        created.map((i) => ({ uuid: i.uuid, status: i.status, passphrase: i.passphrase })),
      );
    }
    if (req.method === 'GET' && sub === '/files/0') {
      const file = doc.signedFile ?? doc.file;
      if (!file) return json(res, 404, { error: 'No file' });
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(file);
      return 200;
    }
    if (req.method === 'POST' && sub === '/cancel') {
      if (doc.status !== 'pending' && doc.status !== 'new')
        return json(res, 400, { error: `A ${doc.status} document cannot be cancelled` });
      doc.status = 'cancelled';
      for (const i of doc.invitations) if (i.status !== 'signed') i.status = 'cancelled';
      return json(res, 200, {});
    }
    return json(res, 405, { error: 'Method not allowed' });
  }

  /** The signing "at the vendor": a signature page, then the vendor's own PDF signature. */
  async function sign(uuid: string, signerName?: string) {
    const doc = documents.get(uuid);
    if (!doc?.file) throw new Error(`No document ${uuid} with a file at the mock`);
    if (doc.status !== 'pending') throw new Error(`Document ${uuid} is ${doc.status}`);
    vendorCreds ??= await fromPemBundle(createDemoSealPem('Visma Sign test service'), false);
    const invitation = doc.invitations[0]!;
    const name = signerName ?? invitation.name ?? 'Unknown';
    const pdf = await PDFDocument.load(doc.file);
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText('Visma Sign (test service)', { x: 56, y: 780, size: 16, color: rgb(0, 0, 0) });
    page.drawText(`Signed by ${name.normalize('NFD').replace(/[^\x20-\x7e]/g, '')}`, {
      x: 56,
      y: 750,
      size: 11,
    });
    page.drawText('Strong electronic identification (test bank)', { x: 56, y: 730, size: 11 });
    page.drawText(new Date().toISOString(), { x: 56, y: 710, size: 11 });
    doc.signedFile = Buffer.from(
      await sealPdf(pdf, vendorCreds, {
        reason: 'Signed with strong electronic identification',
        location: 'Visma Sign',
        contactInfo: 'test',
        signingTime: new Date(),
      }),
    );
    doc.status = 'signed';
    invitation.status = 'signed';
    if (signerName) invitation.name = signerName;
    return doc.signedFile;
  }

  function cancelAtVendor(uuid: string) {
    const doc = documents.get(uuid)!;
    doc.status = 'cancelled';
    for (const i of doc.invitations) i.status = 'cancelled';
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const url = new URL(req.url ?? '/', baseUrl);
        // Control API for tests in another process (the Chromium journey); not part of Visma Sign.
        if (url.pathname.startsWith('/__mock/')) {
          const sm = /^\/__mock\/documents\/([0-9a-f-]+)\/sign$/.exec(url.pathname);
          if (sm && req.method === 'POST') {
            await sign(sm[1]!);
            return json(res, 200, { signed: true });
          }
          return json(res, 200, [...documents.values()].map(statusOf));
        }
        const fault = faults.find(
          (f) => f.match.test(url.pathname) && (!f.method || f.method === req.method),
        );
        if (fault) {
          fault.times--;
          if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
          if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        }
        const authenticated = verify(req, body);
        const record = (status: number) =>
          requests.push({
            method: req.method!,
            path: req.url!,
            status,
            authenticated,
            contentType: req.headers['content-type'] ?? '',
            body,
          });
        if (!authenticated) return record(json(res, 401, { error: 'Authentication failed' }));
        if (fault?.status) return record(json(res, fault.status, { error: 'Injected failure' }));
        try {
          record(await handleApi(req, res, url, body));
        } catch (err) {
          record(json(res, 500, { error: (err as Error).message }));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    identifier,
    secret,
    documents,
    requests,
    sign,
    cancelAtVendor,
    /** The next `times` requests matching the path answer `status` (and/or wait `delayMs` first). */
    fault(match: RegExp, f: { status?: number; delayMs?: number; times?: number; method?: string }) {
      faults.push({ match, times: f.times ?? 1, status: f.status, delayMs: f.delayMs, method: f.method });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type VismaSignMock = Awaited<ReturnType<typeof startVismaSignMock>>;
