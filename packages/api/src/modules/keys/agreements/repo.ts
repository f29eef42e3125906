import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  associations,
  keyAgreementEvents,
  keyAgreementKeys,
  keyAgreements,
  keyEvents,
  keys,
  renters,
  signingLinks,
  sites,
  users,
} from '../../../db/schema/index.ts';
import { notFound } from '../../../lib/errors.ts';

/** Queries about one agreement that every sub-area of the keys module reads. */

export type AgreementRow = typeof keyAgreements.$inferSelect;
export type AgreementChanges = Partial<typeof keyAgreements.$inferInsert>;

/** Who did something, as the timeline and the key ledger record it. */
export type Actor = { actorUserId: string | null; actorLabel: string };

export async function lockAgreement(tx: Executor, id: string) {
  const [row] = await tx.select().from(keyAgreements).where(eq(keyAgreements.id, id)).for('update');
  return row ?? null;
}

/** Just what the visibility rule needs, without building the whole detail. */
export async function agreementAccessRow(db: Executor, id: string) {
  const [row] = await db
    .select({ siteId: keyAgreements.siteId, state: keyAgreements.state })
    .from(keyAgreements)
    .where(eq(keyAgreements.id, id));
  return row ?? null;
}

export async function updateAgreement(tx: Executor, id: string, changes: AgreementChanges) {
  await tx.update(keyAgreements).set(changes).where(eq(keyAgreements.id, id));
}

export async function insertAgreementEvent(tx: Executor, values: typeof keyAgreementEvents.$inferInsert) {
  await tx.insert(keyAgreementEvents).values(values);
}

export async function agreementKeysOf(tx: Executor, agreementIds: string[]) {
  if (!agreementIds.length) return [];
  return tx
    .select({
      agreementId: keyAgreementKeys.agreementId,
      id: keys.id,
      code: keys.code,
      opens: keys.opens,
      state: keyAgreementKeys.state,
      returnedAt: keyAgreementKeys.returnedAt,
    })
    .from(keyAgreementKeys)
    .innerJoin(keys, eq(keys.id, keyAgreementKeys.keyId))
    .where(inArray(keyAgreementKeys.agreementId, agreementIds))
    .orderBy(asc(keys.code));
}

/** Everything the documents and e-mails print about an agreement. */
export async function loadParties(tx: Executor, id: string) {
  const [row] = await tx
    .select({
      a: keyAgreements,
      siteName: sites.name,
      siteAddress: sites.address,
      associationName: associations.name,
      businessId: associations.businessId,
      renterName: renters.name,
      renterEmail: renters.email,
      renterPhone: renters.phone,
      staff: users.displayName,
    })
    .from(keyAgreements)
    .innerJoin(sites, eq(sites.id, keyAgreements.siteId))
    .innerJoin(associations, eq(associations.id, keyAgreements.associationId))
    .innerJoin(renters, eq(renters.id, keyAgreements.renterId))
    .innerJoin(users, eq(users.id, keyAgreements.handedOverBy))
    .where(eq(keyAgreements.id, id));
  if (!row) throw notFound('Key agreement');
  const agreementKeys = (await agreementKeysOf(tx, [id])).map(({ agreementId: _, ...k }) => k);
  return {
    row: row.a,
    parties: {
      id: row.a.id,
      number: row.a.number,
      language: row.a.language,
      site: { name: row.siteName, address: row.siteAddress },
      association: { name: row.associationName, businessId: row.businessId },
      renter: { name: row.renterName, email: row.renterEmail, phone: row.renterPhone },
      staff: row.staff,
    },
    keys: agreementKeys,
  };
}
export type Parties = Awaited<ReturnType<typeof loadParties>>['parties'];

export async function templateVersion(tx: Executor, templateId: string) {
  const [row] = await tx
    .execute<{ version: number }>(sql`SELECT version FROM agreement_templates WHERE id = ${templateId}`)
    .then((r) => r.rows);
  return row!.version;
}

export async function renterOf(tx: Executor, renterId: string) {
  const [row] = await tx
    .select({ name: renters.name, email: renters.email })
    .from(renters)
    .where(eq(renters.id, renterId));
  return row!;
}

export async function userContact(tx: Executor, id: string) {
  const [row] = await tx
    .select({ name: users.displayName, email: users.email, language: users.language })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

export async function siteRef(db: Executor, id: string) {
  const [row] = await db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.id, id));
  return row!;
}

export async function associationOf(db: Executor, id: string) {
  const [row] = await db
    .select({ id: associations.id, name: associations.name, businessId: associations.businessId })
    .from(associations)
    .where(eq(associations.id, id));
  return row!;
}

/** The latest one-time signing link (a Visma Sign request's return link is not one). */
export async function latestSigningLink(db: Executor, agreementId: string) {
  const [row] = await db
    .select()
    .from(signingLinks)
    .where(and(eq(signingLinks.agreementId, agreementId), eq(signingLinks.method, 'link')))
    .orderBy(desc(signingLinks.createdAt))
    .limit(1);
  return row ?? null;
}

export function timelineOf(db: Executor, agreementId: string) {
  return db
    .select({
      at: keyAgreementEvents.at,
      event: keyAgreementEvents.event,
      fromState: keyAgreementEvents.fromState,
      toState: keyAgreementEvents.toState,
      actor: sql<string>`coalesce(${users.displayName}, ${keyAgreementEvents.actorLabel})`,
      details: keyAgreementEvents.details,
    })
    .from(keyAgreementEvents)
    .leftJoin(users, eq(users.id, keyAgreementEvents.actorUserId))
    .where(eq(keyAgreementEvents.agreementId, agreementId))
    .orderBy(asc(keyAgreementEvents.at), asc(keyAgreementEvents.id));
}

/** Whether an event of this kind is already on the agreement's timeline. */
export async function hasEvent(tx: Executor, agreementId: string, event: string) {
  const [row] = await tx
    .select({ id: keyAgreementEvents.id })
    .from(keyAgreementEvents)
    .where(and(eq(keyAgreementEvents.agreementId, agreementId), eq(keyAgreementEvents.event, event)));
  return !!row;
}

// ------------------------------------------------------------------ keys held by an agreement

/** The keys, locked in id order so two lenders never deadlock. */
export function lockKeys(tx: Executor, keyIds: string[]) {
  return tx.select().from(keys).where(inArray(keys.id, keyIds)).orderBy(asc(keys.id)).for('update');
}

export async function holdKeysFor(tx: Executor, agreementId: string, keyIds: string[], actor: Actor) {
  await tx.update(keys).set({ status: 'lent', updatedAt: new Date() }).where(inArray(keys.id, keyIds));
  await tx
    .insert(keyAgreementKeys)
    .values(keyIds.map((keyId) => ({ agreementId, keyId, state: 'out' as const, holding: true })))
    .onConflictDoUpdate({
      target: [keyAgreementKeys.agreementId, keyAgreementKeys.keyId],
      set: { state: 'out', holding: true, returnedAt: null },
    });
  await tx.insert(keyEvents).values(keyIds.map((keyId) => ({ keyId, event: 'lent', agreementId, ...actor })));
}

/** Ends the hold on every key the agreement still holds; returns their ids. */
export async function releaseHeldKeys(tx: Executor, agreementId: string, actor: Actor, why: string) {
  const held = await tx
    .update(keyAgreementKeys)
    .set({ holding: false, state: 'released' })
    .where(and(eq(keyAgreementKeys.agreementId, agreementId), eq(keyAgreementKeys.holding, true)))
    .returning({ keyId: keyAgreementKeys.keyId });
  if (!held.length) return;
  const ids = held.map((h) => h.keyId);
  await tx
    .update(keys)
    .set({ status: 'available', updatedAt: new Date() })
    .where(and(inArray(keys.id, ids), eq(keys.status, 'lent')));
  await tx
    .insert(keyEvents)
    .values(ids.map((keyId) => ({ keyId, event: 'released', agreementId, note: why, ...actor })));
}

export async function agreementKeyIds(tx: Executor, agreementId: string) {
  const rows = await tx
    .select({ keyId: keyAgreementKeys.keyId })
    .from(keyAgreementKeys)
    .where(eq(keyAgreementKeys.agreementId, agreementId));
  return rows.map((r) => r.keyId);
}
