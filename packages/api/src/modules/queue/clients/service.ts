import type { FastifyRequest } from 'fastify';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { parsePersonalIdentityCode } from '@civic/shared/identifiers';
import { helsinkiToday } from '@civic/shared/keys';
import { helsinkiDateTime, maxDate } from '@civic/shared/dates';
import type {
  AccessLogEntry,
  ClientDetail,
  ClientListQuery,
  CreateClient,
  SetWaiting,
  UpdateClient,
} from '@civic/shared/queue';
import type { Page } from '@civic/shared/common';
import type { FieldError } from '@civic/shared/problem';
import type { Executor } from '../../../db/client.ts';
import { careClients, careTags, careUnits, clientWaitingPeriods } from '../../../db/schema/index.ts';
import { badRequest, conflict, notFound } from '../../../lib/errors.ts';
import { aboutClient } from '../../audit/repo.ts';
import { toCsv } from '../../../lib/csv.ts';
import { auditClient, auditClientsShown, PURPOSE } from '../access.ts';
import { selectEntries } from '../entries/repo.ts';
import { selectOffers } from '../offers/repo.ts';
import { searchClients, selectClients } from './repo.ts';

/** Checks references a client carries (need tags, a waiting unit, a spouse) before anything is written. */
async function checkReferences(
  db: Executor,
  body: { needTagIds?: string[]; waiting?: SetWaiting; spouseClientId?: string | null },
  selfId: string | null,
) {
  const errors: FieldError[] = [];
  if (body.needTagIds?.length) {
    const found = await db
      .select({ id: careTags.id })
      .from(careTags)
      .where(and(inArray(careTags.id, body.needTagIds), eq(careTags.active, true)));
    const ok = new Set(found.map((t) => t.id));
    body.needTagIds.forEach(
      (id, i) => ok.has(id) || errors.push({ field: `/needTagIds/${i}`, message: 'unknown_tag' }),
    );
  }
  if (body.waiting?.unitId) {
    const [unit] = await db
      .select({ id: careUnits.id })
      .from(careUnits)
      .where(eq(careUnits.id, body.waiting.unitId));
    if (!unit) errors.push({ field: '/waiting/unitId', message: 'unknown_unit' });
  }
  if (body.waiting?.setting === 'hospital' && !body.waiting.place?.trim()) {
    errors.push({ field: '/waiting/place', message: 'ward_required' });
  }
  if (body.spouseClientId) {
    if (body.spouseClientId === selfId) errors.push({ field: '/spouseClientId', message: 'self' });
    else {
      const [spouse] = await db
        .select({ id: careClients.id, spouse: careClients.spouseClientId })
        .from(careClients)
        .where(eq(careClients.id, body.spouseClientId));
      if (!spouse) errors.push({ field: '/spouseClientId', message: 'unknown_client' });
      else if (spouse.spouse && spouse.spouse !== selfId)
        errors.push({ field: '/spouseClientId', message: 'has_another_spouse' });
    }
  }
  if (errors.length) throw badRequest('Some references are unknown', errors);
}

/** Starts a new waiting period (closing the current one), unless nothing changed. */
export async function setWaiting(tx: Executor, clientId: string, waiting: SetWaiting, today: string) {
  const since = waiting.since ?? today;
  const [current] = await tx
    .select()
    .from(clientWaitingPeriods)
    .where(and(eq(clientWaitingPeriods.clientId, clientId), isNull(clientWaitingPeriods.until)))
    .for('update');
  const place = waiting.place?.trim() || null;
  const unitId = waiting.unitId ?? null;
  if (current && current.setting === waiting.setting && current.place === place && current.unitId === unitId)
    return false;
  if (current) {
    await tx
      .update(clientWaitingPeriods)
      .set({ until: maxDate(since, current.since) })
      .where(eq(clientWaitingPeriods.id, current.id));
  }
  await tx.insert(clientWaitingPeriods).values({
    clientId,
    setting: waiting.setting,
    place,
    unitId,
    since: current ? maxDate(since, current.since) : since,
  });
  return true;
}

/** Links two clients as spouses (both ways) and unlinks whoever either was linked to before. */
async function linkSpouse(tx: Executor, clientId: string, spouseId: string | null, placeTogether: boolean) {
  await tx
    .update(careClients)
    .set({ spouseClientId: null, placeTogether: false, updatedAt: new Date() })
    .where(and(eq(careClients.spouseClientId, clientId)));
  await tx
    .update(careClients)
    .set({ spouseClientId: spouseId, placeTogether: spouseId ? placeTogether : false, updatedAt: new Date() })
    .where(eq(careClients.id, clientId));
  if (spouseId) {
    await tx
      .update(careClients)
      .set({ spouseClientId: clientId, placeTogether, updatedAt: new Date() })
      .where(eq(careClients.id, spouseId));
  }
}

function birthDateOf(code: string) {
  const parsed = parsePersonalIdentityCode(code);
  if (!parsed)
    throw badRequest('The personal identity code is not valid', [
      { field: '/personalIdentityCode', message: 'invalid_checksum' },
    ]);
  return parsed.birthDate;
}

export async function createClient(request: FastifyRequest, body: CreateClient) {
  const { db } = request.server;
  const user = request.requireUser();
  const today = helsinkiToday();
  const code = body.personalIdentityCode.trim().toUpperCase();
  const birthDate = birthDateOf(code);
  await checkReferences(db, body, null);
  const id = await db
    .transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: careClients.id })
        .from(careClients)
        .where(eq(careClients.personalIdentityCode, code));
      if (existing)
        throw conflict('A client with this personal identity code exists already', { clientId: existing.id });
      const [row] = await tx
        .insert(careClients)
        .values({
          personalIdentityCode: code,
          birthDate,
          firstName: body.firstName.trim(),
          lastName: body.lastName.trim(),
          language: body.language,
          contactName: body.contact?.name.trim() ?? null,
          contactRelation: body.contact?.relation?.trim() || null,
          contactPhone: body.contact?.phone?.trim() || null,
          contactEmail: body.contact?.email ?? null,
          needTagIds: body.needTagIds ?? [],
          raiCps: body.rai?.cps ?? null,
          raiAdlh: body.rai?.adlh ?? null,
          raiMaple: body.rai?.maple ?? null,
          raiAssessedOn: body.rai?.assessedOn ?? null,
          createdBy: user.id,
        })
        .returning({ id: careClients.id });
      await setWaiting(tx, row!.id, body.waiting, today);
      if (body.spouseClientId) await linkSpouse(tx, row!.id, body.spouseClientId, body.placeTogether ?? true);
      await auditClient(request, 'care_client.created', row!.id, {}, tx);
      return row!.id;
    })
    .catch((err: unknown) => {
      if ((err as { code?: string; cause?: { code?: string } }).cause?.code === '23505') {
        throw conflict('A client with this personal identity code exists already');
      }
      throw err;
    });
  return getClient(request, id, 'care_client.read');
}

export async function updateClient(request: FastifyRequest, id: string, body: UpdateClient) {
  const { db } = request.server;
  const today = helsinkiToday();
  await checkReferences(db, body, id);
  await db.transaction(async (tx) => {
    const [client] = await tx.select().from(careClients).where(eq(careClients.id, id)).for('update');
    if (!client) throw notFound('Client');
    const set: Partial<typeof careClients.$inferInsert> = { updatedAt: new Date() };
    if (body.firstName !== undefined) set.firstName = body.firstName.trim();
    if (body.lastName !== undefined) set.lastName = body.lastName.trim();
    if (body.language !== undefined) set.language = body.language;
    if (body.needTagIds !== undefined) set.needTagIds = body.needTagIds;
    if (body.contact !== undefined) {
      set.contactName = body.contact?.name.trim() ?? null;
      set.contactRelation = body.contact?.relation?.trim() || null;
      set.contactPhone = body.contact?.phone?.trim() || null;
      set.contactEmail = body.contact?.email ?? null;
    }
    if (body.rai !== undefined) {
      set.raiCps = body.rai?.cps ?? null;
      set.raiAdlh = body.rai?.adlh ?? null;
      set.raiMaple = body.rai?.maple ?? null;
      set.raiAssessedOn = body.rai?.assessedOn ?? null;
    }
    await tx.update(careClients).set(set).where(eq(careClients.id, id));
    if (body.waiting) await setWaiting(tx, id, body.waiting, today);
    if (body.spouseClientId !== undefined) {
      await linkSpouse(tx, id, body.spouseClientId, body.placeTogether ?? true);
    } else if (body.placeTogether !== undefined && client.spouseClientId) {
      await linkSpouse(tx, id, client.spouseClientId, body.placeTogether);
    }
    await auditClient(request, 'care_client.updated', id, { metadata: { changed: Object.keys(body) } }, tx);
  });
  return getClient(request, id, 'care_client.read');
}

async function getClient(request: FastifyRequest, id: string, action: string) {
  const [client] = await selectClients(request.server.db, sql`c.id = ${id}`, helsinkiToday());
  if (!client) throw notFound('Client');
  await auditClient(request, action, id);
  return client;
}

/** A client's whole page: their data, every entry, every offer, and what happened, newest first. */
export async function getClientDetail(request: FastifyRequest, id: string): Promise<ClientDetail> {
  const { db } = request.server;
  const today = helsinkiToday();
  const [client] = await selectClients(db, sql`c.id = ${id}`, today);
  if (!client) throw notFound('Client');
  const [entries, offers, events] = await Promise.all([
    selectEntries(request.server, [sql`e.client_id = ${id}`, sql`TRUE`], today).then((r) => r.items),
    selectOffers(db, [sql`o.client_id = ${id}`], today),
    db.execute<{
      at: Date;
      kind: string;
      actor_label: string;
      entry_id: string | null;
      offer_id: string | null;
      reason: string | null;
      detail: Record<string, unknown>;
    }>(sql`
      SELECT ev.at, ev.kind, ev.actor_label, ev.entry_id, (ev.detail->>'offerId')::uuid AS offer_id, ev.reason, ev.detail
        FROM queue_entry_events ev JOIN queue_entries e ON e.id = ev.entry_id
       WHERE e.client_id = ${id} ORDER BY ev.at DESC, ev.id LIMIT 500`),
  ]);
  await auditClient(request, 'care_client.read', id);
  return {
    client,
    entries,
    offers,
    timeline: events.rows.map((e) => ({
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      actor: e.actor_label,
      entryId: e.entry_id,
      offerId: e.offer_id,
      reason: e.reason,
      detail: e.detail,
    })),
  };
}

export async function listClients(
  request: FastifyRequest,
  query: ClientListQuery,
): Promise<Page<Awaited<ReturnType<typeof searchClients>>['items'][number]>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const where = query.q
    ? (() => {
        const q = query.q.trim();
        const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        return sql`(c.first_name || ' ' || c.last_name ILIKE ${pattern} OR c.last_name || ' ' || c.first_name ILIKE ${pattern}
          OR c.personal_identity_code = ${q.toUpperCase()})`;
      })()
    : sql`TRUE`;
  const { items, total } = await searchClients(request.server.db, where, helsinkiToday(), {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  await auditClientsShown(
    request,
    'care_client.searched',
    items.map((c) => c.id),
    { q: query.q ? 'given' : null },
  );
  return { items, page, pageSize, total };
}

// ------------------------------------------------------------------------------------ access log

interface AccessRow extends Record<string, unknown> {
  occurred_at: Date;
  actor_type: string;
  actor_label: string | null;
  action: string;
  purpose: string | null;
  provider_name: string | null;
}

/**
 * Who read or received a client's data, when and why (Client Data Act 703/2023 §11): every audit
 * row about the client, including the lists and exports that showed them. Producing it is logged too.
 */
export async function accessLog(
  request: FastifyRequest,
  id: string,
  query: { page?: number; pageSize?: number; format?: 'json' | 'csv' },
): Promise<Page<AccessLogEntry> | string> {
  const { db } = request.server;
  const [client] = await db.select({ id: careClients.id }).from(careClients).where(eq(careClients.id, id));
  if (!client) throw notFound('Client');
  const csv = query.format === 'csv';
  const page = csv ? 1 : (query.page ?? 1);
  const pageSize = csv ? 100_000 : (query.pageSize ?? 50);
  // Recorded first, so the log it produces includes this very request.
  await auditClient(request, csv ? 'care_client.access_log.exported' : 'care_client.access_log.read', id, {
    purpose: PURPOSE.accessLog,
  });
  const where = aboutClient(id);
  const [rows, count] = await Promise.all([
    db.execute<AccessRow>(sql`
      SELECT occurred_at, actor_type, actor_label, action, purpose,
             (SELECT p.name FROM users u JOIN providers p ON p.id = u.provider_id WHERE audit_log.actor_type = 'user' AND u.id::text = audit_log.actor_id) AS provider_name
        FROM audit_log WHERE ${where} ORDER BY seq DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
    db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`),
  ]);
  const items: AccessLogEntry[] = rows.rows.map((r) => ({
    at: new Date(r.occurred_at).toISOString(),
    actorType: r.actor_type,
    actor: r.actor_label,
    action: r.action,
    purpose: r.purpose,
    recipient:
      r.actor_type === 'client'
        ? r.actor_label
        : r.actor_type === 'user'
          ? (r.provider_name ?? 'City of Helsinki')
          : null,
  }));
  if (csv) {
    return toCsv(
      ['time (Helsinki)', 'actor type', 'actor', 'organisation', 'action', 'purpose'],
      items.map((i) => [helsinkiDateTime(i.at), i.actorType, i.actor, i.recipient, i.action, i.purpose]),
    );
  }
  return { items, page, pageSize, total: count.rows[0]?.n ?? 0 };
}
