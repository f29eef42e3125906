import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { keyAgreementDocuments } from '../../../db/schema/index.ts';

export type DocumentKind = 'signed_agreement' | 'return_receipt';

export async function insertDocument(tx: Executor, values: typeof keyAgreementDocuments.$inferInsert) {
  const [doc] = await tx
    .insert(keyAgreementDocuments)
    .values(values)
    .returning({ id: keyAgreementDocuments.id, sha256: keyAgreementDocuments.sha256 });
  return doc!;
}

export function listDocuments(db: Executor, agreementId: string) {
  return db
    .select({
      id: keyAgreementDocuments.id,
      kind: keyAgreementDocuments.kind,
      filename: keyAgreementDocuments.filename,
      sha256: keyAgreementDocuments.sha256,
      createdAt: keyAgreementDocuments.createdAt,
    })
    .from(keyAgreementDocuments)
    .where(eq(keyAgreementDocuments.agreementId, agreementId))
    .orderBy(asc(keyAgreementDocuments.createdAt));
}

export async function findDocument(db: Executor, agreementId: string, documentId: string) {
  const [doc] = await db
    .select()
    .from(keyAgreementDocuments)
    .where(and(eq(keyAgreementDocuments.id, documentId), eq(keyAgreementDocuments.agreementId, agreementId)));
  return doc ?? null;
}
