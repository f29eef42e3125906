import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { helsinkiToday } from '@civic/shared/keys';
import type { Page } from '@civic/shared/common';
import type {
  ChangePriority,
  CloseQueueEntry,
  CreateQueueEntry,
  QueueEntry,
  QueueExportQuery,
  QueueListQuery,
  UpdateQueueEntry,
} from '@civic/shared/queue';
import type { FieldError } from '@civic/shared/problem';
import type { Executor } from '../../../db/client.ts';
import { careClients, careUnits, queueEntries, serviceTypes } from '../../../db/schema/index.ts';
import { AppError, badRequest, conflict, notFound } from '../../../lib/errors.ts';
import { toCsv } from '../../../lib/csv.ts';
import { auditClient, auditClientsShown } from '../access.ts';
import { addEntryEvent, type Actor } from '../events.ts';
import { endOffers, liveOffersOfClients, moveEntry } from '../offers/lifecycle.ts';
import { countEntries, entryConditions, loadEntries, selectEntries } from './repo.ts';

const actorOf = (request: FastifyRequest): Actor => {
  const u = request.requireUser();
  return { id: u.id, username: u.username };
};

export async function listQueue(request: FastifyRequest, query: QueueListQuery): Promise<Page<QueueEntry>> {
  const { db } = request.server;
  const today = helsinkiToday();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const where = entryConditions(query, today);
  const [{ items, clientIds }, total] = await Promise.all([
    selectEntries(request.server, where, today, { limit: pageSize, offset: (page - 1) * pageSize }),
    countEntries(db, where),
  ]);
  await auditClientsShown(request, 'care.queue.listed', clientIds, { page });
  return { items, page, pageSize, total };
}

export async function getEntry(request: FastifyRequest, id: string): Promise<QueueEntry> {
  const entry = await loadEntry(request.server, id);
  await auditClient(request, 'care.queue_entry.read', entry.client.id, {
    targetType: 'queue_entry',
    targetId: id,
  });
  return entry;
}

async function loadEntry(app: FastifyInstance, id: string) {
  const { items } = await loadEntries(app, [id], helsinkiToday());
  if (!items[0]) throw notFound('Queue entry');
  return items[0];
}

async function checkEntryReferences(
  db: Executor,
  body: { serviceTypeId?: string; preferredUnitIds?: string[] },
) {
  const errors: FieldError[] = [];
  if (body.serviceTypeId) {
    const [st] = await db
      .select({ id: serviceTypes.id })
      .from(serviceTypes)
      .where(and(eq(serviceTypes.id, body.serviceTypeId), eq(serviceTypes.active, true)));
    if (!st) errors.push({ field: '/serviceTypeId', message: 'unknown_service_type' });
  }
  if (body.preferredUnitIds?.length) {
    const found = await db
      .select({ id: careUnits.id })
      .from(careUnits)
      .where(inArray(careUnits.id, body.preferredUnitIds));
    const ok = new Set(found.map((u) => u.id));
    body.preferredUnitIds.forEach(
      (id, i) => ok.has(id) || errors.push({ field: `/preferredUnitIds/${i}`, message: 'unknown_unit' }),
    );
  }
  if (errors.length) throw badRequest('Some references are unknown', errors);
}

function checkDecisionDate(today: string, decisionDate?: string) {
  if (decisionDate && decisionDate > today) {
    throw badRequest('A decision cannot be dated in the future', [
      { field: '/decisionDate', message: 'in_the_future' },
    ]);
  }
}

function checkOnlyPreferred(
  body: { onlyPreferredUnits?: boolean; preferredUnitIds?: string[] },
  current?: { preferredUnitIds: string[] },
) {
  const units = body.preferredUnitIds ?? current?.preferredUnitIds ?? [];
  if (body.onlyPreferredUnits && units.length === 0) {
    throw badRequest('Waiting only for chosen units needs the units', [
      { field: '/preferredUnitIds', message: 'required_when_only_preferred' },
    ]);
  }
}

const isUniqueViolation = (err: unknown, constraint: string) => {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return (e.code ?? e.cause?.code) === '23505' && (e.constraint ?? e.cause?.constraint) === constraint;
};

export async function createEntry(request: FastifyRequest, body: CreateQueueEntry): Promise<QueueEntry> {
  const { db } = request.server;
  const actor = actorOf(request);
  const today = helsinkiToday();
  checkDecisionDate(today, body.decisionDate);
  checkOnlyPreferred(body);
  const [client] = await db
    .select({ id: careClients.id, deceasedOn: careClients.deceasedOn })
    .from(careClients)
    .where(eq(careClients.id, body.clientId));
  if (!client) throw badRequest('Unknown client', [{ field: '/clientId', message: 'unknown_client' }]);
  if (client.deceasedOn) throw conflict('The client is recorded as deceased');
  await checkEntryReferences(db, body);
  const id = await db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(queueEntries)
        .values({
          clientId: body.clientId,
          serviceTypeId: body.serviceTypeId,
          decisionDate: body.decisionDate,
          readyDate: body.readyDate ?? null,
          urgency: body.urgency,
          preferredUnitIds: body.preferredUnitIds ?? [],
          preferredDistricts: (body.preferredDistricts ?? []).map((d) => d.trim()),
          onlyPreferredUnits: body.onlyPreferredUnits ?? false,
          createdBy: actor.id,
        })
        .returning({ id: queueEntries.id });
      await addEntryEvent(tx, row!.id, 'created', actor, null, {
        urgency: body.urgency,
        decisionDate: body.decisionDate,
      });
      await auditClient(
        request,
        'care.queue_entry.created',
        body.clientId,
        { targetType: 'queue_entry', targetId: row!.id },
        tx,
      );
      return row!.id;
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err, 'queue_entries_one_open_idx')) {
        throw conflict('The client already waits for this service type; edit that entry instead', {
          reason: 'open_entry_exists',
        });
      }
      throw err;
    });
  return loadEntry(request.server, id);
}

async function lockOpenEntry(tx: Executor, id: string) {
  const [entry] = await tx.select().from(queueEntries).where(eq(queueEntries.id, id)).for('update');
  if (!entry) throw notFound('Queue entry');
  if (!['queued', 'offered', 'interim'].includes(entry.status)) {
    throw new AppError(409, 'invalid_transition', `A ${entry.status} queue entry cannot be changed`, {
      state: entry.status,
    });
  }
  return entry;
}

export async function updateEntry(
  request: FastifyRequest,
  id: string,
  body: UpdateQueueEntry,
): Promise<QueueEntry> {
  const { db } = request.server;
  const actor = actorOf(request);
  checkDecisionDate(helsinkiToday(), body.decisionDate);
  await checkEntryReferences(db, body);
  await db.transaction(async (tx) => {
    const entry = await lockOpenEntry(tx, id);
    checkOnlyPreferred(body, entry);
    await tx
      .update(queueEntries)
      .set({
        ...(body.decisionDate !== undefined ? { decisionDate: body.decisionDate } : {}),
        ...(body.readyDate !== undefined ? { readyDate: body.readyDate } : {}),
        ...(body.preferredUnitIds !== undefined ? { preferredUnitIds: body.preferredUnitIds } : {}),
        ...(body.preferredDistricts !== undefined
          ? { preferredDistricts: body.preferredDistricts.map((d) => d.trim()) }
          : {}),
        ...(body.onlyPreferredUnits !== undefined ? { onlyPreferredUnits: body.onlyPreferredUnits } : {}),
        updatedAt: new Date(),
      })
      .where(eq(queueEntries.id, id));
    const changed = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [
        k,
        { from: (entry as Record<string, unknown>)[k] ?? null, to: v },
      ]),
    );
    await addEntryEvent(tx, id, 'updated', actor, null, changed);
    await auditClient(
      request,
      'care.queue_entry.updated',
      entry.clientId,
      { targetType: 'queue_entry', targetId: id, metadata: { changed: Object.keys(body) } },
      tx,
    );
  });
  return loadEntry(request.server, id);
}

/** A manual change of the queue position: always with its reason, in the entry's history and the audit log. */
export async function changePriority(
  request: FastifyRequest,
  id: string,
  body: ChangePriority,
): Promise<QueueEntry> {
  const { db } = request.server;
  const actor = actorOf(request);
  if (body.urgency === undefined && body.priorityDate === undefined) {
    throw badRequest('Say what changes: the urgency class or the queue date', [
      { field: '/urgency', message: 'nothing_to_change' },
    ]);
  }
  if (body.priorityDate && body.priorityDate > helsinkiToday()) {
    throw badRequest('The queue date cannot be in the future', [
      { field: '/priorityDate', message: 'in_the_future' },
    ]);
  }
  await db.transaction(async (tx) => {
    const entry = await lockOpenEntry(tx, id);
    const from = { urgency: entry.urgency, priorityDate: entry.priorityDate };
    const to = {
      urgency: body.urgency ?? entry.urgency,
      priorityDate: body.priorityDate === undefined ? entry.priorityDate : body.priorityDate,
    };
    await tx
      .update(queueEntries)
      .set({ ...to, priorityReason: body.reason.trim(), updatedAt: new Date() })
      .where(eq(queueEntries.id, id));
    await addEntryEvent(tx, id, 'priority_changed', actor, body.reason.trim(), { from, to });
    await auditClient(
      request,
      'care.queue_entry.priority_changed',
      entry.clientId,
      {
        targetType: 'queue_entry',
        targetId: id,
        metadata: { from, to, reason: body.reason.trim() },
      },
      tx,
    );
  });
  return loadEntry(request.server, id);
}

/**
 * Closes an entry (withdrawn, deceased, placed elsewhere). Every live offer of the client is ended
 * and its place released in the same transaction. A death closes all of the client's entries.
 */
export async function closeEntry(
  request: FastifyRequest,
  id: string,
  body: CloseQueueEntry,
): Promise<QueueEntry> {
  const { db } = request.server;
  const actor = actorOf(request);
  if (body.on > helsinkiToday())
    throw badRequest('The date cannot be in the future', [{ field: '/on', message: 'in_the_future' }]);
  await db.transaction(async (tx) => {
    const entry = await lockOpenEntry(tx, id);
    const offers = await liveOffersOfClients(tx, [entry.clientId]);
    // A death ends everything of the client's; otherwise this entry's offers (with a couple's second one).
    const groupsOfEntry = new Set(offers.filter((o) => o.entryId === id).map((o) => o.groupId));
    const affected = body.reason === 'deceased' ? offers : offers.filter((o) => groupsOfEntry.has(o.groupId));
    await endOffers(tx, affected, 'cancel', actor, 'city', `Queue entry closed: ${body.reason}`);
    const toClose =
      body.reason === 'deceased'
        ? (
            await tx
              .select({ id: queueEntries.id })
              .from(queueEntries)
              .where(
                and(
                  eq(queueEntries.clientId, entry.clientId),
                  inArray(queueEntries.status, ['queued', 'offered', 'interim']),
                ),
              )
          ).map((r) => r.id)
        : [id];
    for (const entryId of toClose) {
      await moveEntry(
        tx,
        entryId,
        'close',
        { closedOn: body.on, endedOn: body.on, closeNote: body.note.trim() },
        body.reason,
      );
      await addEntryEvent(tx, entryId, 'closed', actor, body.note.trim(), {
        reason: body.reason,
        on: body.on,
      });
    }
    if (body.reason === 'deceased') {
      await tx
        .update(careClients)
        .set({ deceasedOn: body.on, updatedAt: new Date() })
        .where(eq(careClients.id, entry.clientId));
    }
    await auditClient(
      request,
      'care.queue_entry.closed',
      entry.clientId,
      {
        targetType: 'queue_entry',
        targetId: id,
        metadata: { reason: body.reason, on: body.on, entries: toClose.length, offersEnded: affected.length },
      },
      tx,
    );
  });
  return loadEntry(request.server, id);
}

// ------------------------------------------------------------------------------------------ export

const EXPORT_MAX = 20_000;

/** The filtered queue as CSV or XLSX, in queue order; one audit row names every client in it. */
export async function exportQueue(
  request: FastifyRequest,
  query: QueueExportQuery,
  lang: 'fi' | 'sv' | 'en',
) {
  const { db } = request.server;
  const today = helsinkiToday();
  const where = entryConditions(query, today);
  const total = await countEntries(db, where);
  if (total > EXPORT_MAX) {
    throw new AppError(
      422,
      'validation_failed',
      `The export is limited to ${EXPORT_MAX} rows; narrow the filters`,
      {
        errors: [{ field: '/', message: 'too_many_rows' }],
      },
    );
  }
  const { items, clientIds } = await selectEntries(request.server, where, today, {
    limit: EXPORT_MAX,
    offset: 0,
  });
  await auditClientsShown(request, 'care.queue.exported', clientIds, {
    format: query.format,
    rows: items.length,
  });
  const header = [
    'position',
    'last name',
    'first name',
    'age',
    'language',
    'service type',
    'urgency',
    'decision date',
    'ready date',
    'days waiting',
    'due date',
    'clock',
    'waiting at',
    'status',
    'refusals',
    'reassessment',
  ];
  const rows = items.map((e) => [
    e.position,
    e.client.lastName,
    e.client.firstName,
    e.client.age,
    e.client.language,
    e.serviceType.names[lang],
    e.urgency,
    e.decisionDate,
    e.readyDate,
    e.clock.daysWaiting,
    e.clock.dueDate,
    e.clock.state,
    [e.client.waiting?.setting, e.client.waiting?.place].filter(Boolean).join(': '),
    e.status,
    e.refusalCount,
    e.needsReassessment ? 'yes' : '',
  ]);
  if (query.format === 'csv')
    return {
      type: 'text/csv; charset=utf-8',
      filename: `queue-${today}.csv`,
      body: Buffer.from(toCsv(header, rows)),
    };
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Queue');
  sheet.addRow(header).font = { bold: true };
  const asDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
  for (const r of rows) {
    // Dates as real date cells, so a spreadsheet sorts and filters them as dates.
    sheet.addRow([
      ...r.slice(0, 7),
      asDate(r[7] as string),
      asDate(r[8] as string | null),
      r[9],
      asDate(r[10] as string),
      ...r.slice(11),
    ]);
  }
  for (const col of [8, 9, 11]) sheet.getColumn(col).numFmt = 'yyyy-mm-dd';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `queue-${today}.xlsx`,
    body: Buffer.from(await book.xlsx.writeBuffer()),
  };
}
