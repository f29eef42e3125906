import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PDFDocument } from 'pdf-lib';
import type { Executor } from '../../../db/client.ts';
import { notFound } from '../../../lib/errors.ts';
import { assertAgreementVisible } from '../agreements/service.ts';
import * as repo from './repo.ts';
import { sealCredentials, sealIncrementally, sealPdf } from './seal.ts';
import { checkPdfSignatures, sealReport } from './seal-verify.ts';

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** Seals a PDF built here with the city's certificate (PAdES B-B), as it is archived. */
export async function sealDocument(app: FastifyInstance, doc: PDFDocument, at: Date) {
  return sealPdf(doc, await sealCredentials(app.config), {
    reason: 'Helsingin kaupungin avainrekisteri / City of Helsinki key register',
    location: 'Helsinki',
    contactInfo: app.config.PUBLIC_URL,
    signingTime: at,
  });
}

/**
 * A PDF signed at a signing service, as it is archived: the service's own signatures checked and
 * kept for the record, then the city's seal added in an incremental update, which leaves the
 * service's signature intact. A file that cannot be updated so is archived as the service made it.
 */
export async function sealVendorDocument(app: FastifyInstance, pdf: Uint8Array, at: Date) {
  const creds = await sealCredentials(app.config);
  const vendorSignatures = (await checkPdfSignatures(Buffer.from(pdf), creds)).map((s) => ({
    valid: s.valid,
    signer: s.signer,
    signedAt: s.signedAt,
    coversWholeDocument: s.coversWholeDocument,
  }));
  try {
    const sealed = await sealIncrementally(pdf, creds, {
      reason: 'Helsingin kaupungin avainrekisteri / City of Helsinki key register',
      location: 'Helsinki',
      contactInfo: app.config.PUBLIC_URL,
      signingTime: at,
    });
    return { pdf: sealed, vendorSignatures, sealed: true };
  } catch (err) {
    app.log.warn({ err }, 'signed PDF archived without the seal');
    return { pdf, vendorSignatures, sealed: false };
  }
}

/** Archives a PDF of an agreement with its SHA-256, in the caller's transaction. */
export async function storeDocument(
  tx: Executor,
  agreementId: string,
  kind: repo.DocumentKind,
  filename: string,
  pdf: Uint8Array,
) {
  const buffer = Buffer.from(pdf);
  return repo.insertDocument(tx, { agreementId, kind, filename, pdf: buffer, sha256: sha256(buffer) });
}

/** A stored PDF, to whoever may see its agreement (audited). */
export async function downloadDocument(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  documentId: string,
) {
  await assertAgreementVisible(app, request, id);
  const doc = await repo.findDocument(app.db, id, documentId);
  if (!doc) throw notFound('Document');
  await request.audit({
    action: 'key_agreement.document_downloaded',
    targetType: 'key_agreement',
    targetId: id,
    metadata: { documentId },
  });
  return doc;
}

/** Recomputes the stored PDF's SHA-256 and compares it with the one kept when it was archived. */
export async function verifyDocument(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  documentId: string,
) {
  const doc = await downloadDocument(app, request, id, documentId);
  const actual = sha256(doc.pdf);
  return {
    documentId,
    storedSha256: doc.sha256,
    actualSha256: actual,
    matches: actual === doc.sha256,
    seal: await sealReport(doc.pdf, await sealCredentials(app.config)),
  };
}
