import type { FastifyRequest } from 'fastify';
import { eq, inArray, sql } from 'drizzle-orm';
import { ENTERED_WAITING_SETTINGS, URGENCY_CLASSES, type UrgencyClass } from '@civic/shared/care-queue';
import { parsePersonalIdentityCode } from '@civic/shared/identifiers';
import { helsinkiToday } from '@civic/shared/keys';
import type { ImportJob } from '@civic/shared/imports';
import { QUEUE_CSV_COLUMNS, type ImportResult, type ImportRow } from '@civic/shared/queue';
import type { Executor } from '../../../db/client.ts';
import { careClients, careTags, queueEntries, serviceTypes } from '../../../db/schema/index.ts';
import { decodeRowFile } from '../../../lib/text.ts';
import { parseCsvYielding } from '../../../lib/csv.ts';
import {
  rowsRefused,
  runImport,
  yieldToOthers,
  type Progress,
  type RowProblem,
} from '../../imports/service.ts';
import { PURPOSE } from '../access.ts';
import { setWaiting } from '../clients/service.ts';
import { addEntryEvent, type Actor } from '../events.ts';

export type { RowProblem } from '../../imports/service.ts';

interface ValidRow {
  line: number;
  sourceId: string;
  code: string;
  birthDate: string;
  firstName: string;
  lastName: string;
  language: string;
  waiting: { setting: (typeof ENTERED_WAITING_SETTINGS)[number]; place: string | null };
  needTagIds: string[];
  serviceTypeId: string;
  decisionDate: string;
  readyDate: string | null;
  urgency: UrgencyClass;
  preferredDistricts: string[];
  contactName: string | null;
  contactPhone: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) =>
  ISO_DATE.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const split = (s: string | undefined) =>
  (s ?? '')
    .split(/[;|]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The columns of a queue CSV file: the contract's, which the staff app shows as the sample header. */
export const CSV_COLUMNS = QUEUE_CSV_COLUMNS;

/** Reads a queue CSV file into import rows with their line numbers, or refuses it with the lines at fault. */
export async function parseQueueCsv(file: unknown): Promise<{ rows: (ImportRow & { line: number })[] }> {
  const text = decodeRowFile(typeof file === 'string' ? Buffer.from(file, 'utf8') : file);
  let records: { record: Record<string, string>; line: number }[];
  try {
    const body = text.replace(/^\uFEFF/, '');
    // The separator is the header's: `;` (Finnish spreadsheets) or `,`. Both at once would split
    // "Laakson sairaala, osasto 7" in two.
    const delimiter = (body.split('\n', 1)[0] ?? '').includes(';') ? ';' : ',';
    records = await parseCsvYielding(body, { delimiter });
  } catch (err) {
    throw rowsRefused([
      { line: (err as { lines?: number }).lines ?? 1, field: 'file', message: 'invalid_csv' },
    ]);
  }
  const rows = records.map(({ record, line }) => ({
    line,
    sourceId: record.source_id ?? '',
    personalIdentityCode: record.personal_identity_code ?? '',
    firstName: record.first_name ?? '',
    lastName: record.last_name ?? '',
    language: record.language ?? '',
    waitingSetting: record.waiting_setting ?? '',
    waitingPlace: record.waiting_place || null,
    needs: split(record.needs),
    serviceType: record.service_type ?? '',
    decisionDate: record.decision_date ?? '',
    readyDate: record.ready_date || null,
    urgency: record.urgency ?? '',
    preferredDistricts: split(record.preferred_districts),
    contactName: record.contact_name || null,
    contactPhone: record.contact_phone || null,
  }));
  return { rows };
}

async function lookups(db: Executor) {
  const [tags, types] = await Promise.all([
    db.select({ id: careTags.id, code: careTags.code }).from(careTags).where(eq(careTags.active, true)),
    db
      .select({ id: serviceTypes.id, code: serviceTypes.code })
      .from(serviceTypes)
      .where(eq(serviceTypes.active, true)),
  ]);
  return {
    tagByCode: new Map(tags.map((t) => [t.code, t.id])),
    typeByCode: new Map(types.map((t) => [t.code, t.id])),
  };
}

async function validate(
  rows: (ImportRow & { line: number })[],
  l: Awaited<ReturnType<typeof lookups>>,
  today: string,
) {
  const problems: RowProblem[] = [];
  const valid: ValidRow[] = [];
  const seenSource = new Map<string, number>();
  const seenEntry = new Map<string, number>();
  const names = new Map<string, { first: string; last: string; line: number }>();
  for (const [i, r] of rows.entries()) {
    if (i % 2000 === 1999) await yieldToOthers();
    const p = (field: string, message: string) => problems.push({ line: r.line, field, message });
    const sourceId = r.sourceId.trim();
    if (!sourceId) p('source_id', 'required');
    else if (seenSource.has(sourceId)) p('source_id', `duplicate_of_line_${seenSource.get(sourceId)}`);
    else seenSource.set(sourceId, r.line);
    const code = r.personalIdentityCode.trim().toUpperCase();
    const parsed = parsePersonalIdentityCode(code);
    if (!parsed) p('personal_identity_code', code ? 'invalid_checksum' : 'required');
    const firstName = r.firstName.trim();
    const lastName = r.lastName.trim();
    if (!firstName) p('first_name', 'required');
    if (!lastName) p('last_name', 'required');
    if (parsed && firstName && lastName) {
      const known = names.get(code);
      if (known && (known.first !== firstName || known.last !== lastName))
        p('personal_identity_code', `other_name_on_line_${known.line}`);
      else names.set(code, { first: firstName, last: lastName, line: r.line });
    }
    const language = r.language.trim().toLowerCase();
    if (!/^[a-z]{2}$/.test(language)) p('language', 'not_an_iso_639_1_code');
    const setting = r.waitingSetting.trim().toLowerCase();
    if (!(ENTERED_WAITING_SETTINGS as readonly string[]).includes(setting))
      p('waiting_setting', 'unknown_setting');
    const place = r.waitingPlace?.trim() || null;
    if (setting === 'hospital' && !place) p('waiting_place', 'ward_required');
    const needTagIds: string[] = [];
    for (const need of r.needs ?? []) {
      const id = l.tagByCode.get(need.trim());
      if (id) needTagIds.push(id);
      else p('needs', `unknown_tag_${need.trim()}`);
    }
    const serviceTypeId = l.typeByCode.get(r.serviceType.trim());
    if (!serviceTypeId) p('service_type', 'unknown_service_type');
    const decisionDate = r.decisionDate.trim();
    if (!isDate(decisionDate)) p('decision_date', 'not_a_date');
    else if (decisionDate > today) p('decision_date', 'in_the_future');
    const readyDate = r.readyDate?.trim() || null;
    if (readyDate && !isDate(readyDate)) p('ready_date', 'not_a_date');
    const urgency = r.urgency.trim().toLowerCase();
    if (!(URGENCY_CLASSES as readonly string[]).includes(urgency)) p('urgency', 'unknown_urgency');
    if (parsed && serviceTypeId) {
      const key = `${code}/${serviceTypeId}`;
      if (seenEntry.has(key)) p('service_type', `same_client_and_type_as_line_${seenEntry.get(key)}`);
      else seenEntry.set(key, r.line);
    }
    if (problems.length && problems[problems.length - 1]!.line === r.line) continue;
    valid.push({
      line: r.line,
      sourceId,
      code,
      birthDate: parsed!.birthDate,
      firstName,
      lastName,
      language,
      waiting: { setting: setting as ValidRow['waiting']['setting'], place },
      needTagIds: [...new Set(needTagIds)],
      serviceTypeId: serviceTypeId!,
      decisionDate,
      readyDate,
      urgency: urgency as UrgencyClass,
      preferredDistricts: [...new Set(r.preferredDistricts ?? [])].map((d) => d.trim()).filter(Boolean),
      contactName: r.contactName?.trim() || null,
      contactPhone: r.contactPhone?.trim() || null,
    });
  }
  return { problems, valid };
}

const sameArray = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Imports clients and their queue entries from another system or a CSV file, idempotent by the
 * sending system's row id: the same import twice changes nothing, a changed row updates its client
 * and entry, and one bad row refuses the whole import with every problem listed by line.
 */
export async function importQueue(
  request: FastifyRequest,
  sourceSystem: string,
  rows: (ImportRow & { line: number })[],
): Promise<{ result: ImportResult } | { job: ImportJob }> {
  return runImport(request, 'care_queue', rows.length, (progress) =>
    importRows(request, sourceSystem, rows, progress),
  );
}

async function importRows(
  request: FastifyRequest,
  sourceSystem: string,
  rows: (ImportRow & { line: number })[],
  progress: Progress,
): Promise<ImportResult> {
  const { db } = request.server;
  const today = helsinkiToday();
  const { problems, valid } = await validate(rows, await lookups(db), today);
  if (!rows.length) problems.push({ line: 1, field: 'file', message: 'no_rows' });
  if (problems.length) throw rowsRefused(problems);
  const principal = request.principal!;
  const actor: Actor =
    principal.kind === 'user'
      ? { id: principal.id, username: principal.username }
      : { id: null, username: `${principal.name} (import)` };

  return db.transaction(async (tx) => {
    const codes = [...new Set(valid.map((v) => v.code))];
    const clients = new Map<string, typeof careClients.$inferSelect>();
    for (let i = 0; i < codes.length; i += 1000) {
      const chunk = await tx
        .select()
        .from(careClients)
        .where(inArray(careClients.personalIdentityCode, codes.slice(i, i + 1000)))
        .for('update');
      for (const c of chunk) clients.set(c.personalIdentityCode, c);
    }
    const entries = new Map<string, typeof queueEntries.$inferSelect>();
    const sourceIds = valid.map((v) => v.sourceId);
    for (let i = 0; i < sourceIds.length; i += 1000) {
      const chunk = await tx
        .select()
        .from(queueEntries)
        .where(
          sql`${queueEntries.sourceSystem} = ${sourceSystem} AND ${queueEntries.sourceId} IN ${sourceIds.slice(i, i + 1000)}`,
        )
        .for('update');
      for (const e of chunk) entries.set(e.sourceId!, e);
    }
    // What the database already holds may contradict a row: refuse those before writing anything.
    const conflicts: RowProblem[] = [];
    for (const v of valid) {
      const entry = entries.get(v.sourceId);
      const client = clients.get(v.code);
      if (entry && client && entry.clientId !== client.id)
        conflicts.push({ line: v.line, field: 'source_id', message: 'belongs_to_another_client' });
      if (entry && !['queued', 'offered', 'interim'].includes(entry.status) && entryChanged(entry, v)) {
        conflicts.push({ line: v.line, field: 'source_id', message: `entry_${entry.status}` });
      }
    }
    if (conflicts.length) throw rowsRefused(conflicts);

    const result = { created: 0, updated: 0, unchanged: 0 };
    const touchedClients: string[] = [];
    for (const [done, v] of valid.entries()) {
      await progress(done);
      let client = clients.get(v.code);
      let changed = false;
      if (!client) {
        [client] = await tx
          .insert(careClients)
          .values({
            personalIdentityCode: v.code,
            birthDate: v.birthDate,
            firstName: v.firstName,
            lastName: v.lastName,
            language: v.language,
            needTagIds: v.needTagIds,
            contactName: v.contactName,
            contactPhone: v.contactPhone,
            sourceSystem,
            sourceId: v.sourceId,
            createdBy: principal.kind === 'user' ? principal.id : null,
          })
          .returning();
        clients.set(v.code, client!);
        changed = true;
      } else if (
        client.firstName !== v.firstName ||
        client.lastName !== v.lastName ||
        client.language !== v.language ||
        !sameArray([...client.needTagIds].sort(), [...v.needTagIds].sort()) ||
        client.contactName !== v.contactName ||
        client.contactPhone !== v.contactPhone
      ) {
        [client] = await tx
          .update(careClients)
          .set({
            firstName: v.firstName,
            lastName: v.lastName,
            language: v.language,
            needTagIds: v.needTagIds,
            contactName: v.contactName,
            contactPhone: v.contactPhone,
            updatedAt: new Date(),
          })
          .where(eq(careClients.id, client.id))
          .returning();
        clients.set(v.code, client!);
        changed = true;
      }
      if (await setWaiting(tx, client!.id, { setting: v.waiting.setting, place: v.waiting.place }, today))
        changed = true;
      touchedClients.push(client!.id);
      const entry = entries.get(v.sourceId);
      if (!entry) {
        const [created] = await tx
          .insert(queueEntries)
          .values({
            clientId: client!.id,
            serviceTypeId: v.serviceTypeId,
            decisionDate: v.decisionDate,
            readyDate: v.readyDate,
            urgency: v.urgency,
            preferredDistricts: v.preferredDistricts,
            sourceSystem,
            sourceId: v.sourceId,
            createdBy: principal.kind === 'user' ? principal.id : null,
          })
          .onConflictDoNothing()
          .returning({ id: queueEntries.id });
        if (!created) {
          throw rowsRefused([
            { line: v.line, field: 'service_type', message: 'client_already_waits_for_this_type' },
          ]);
        }
        await addEntryEvent(tx, created.id, 'imported', actor, null, { sourceSystem, sourceId: v.sourceId });
        result.created++;
        continue;
      }
      if (entryChanged(entry, v)) {
        await tx
          .update(queueEntries)
          .set({
            serviceTypeId: v.serviceTypeId,
            decisionDate: v.decisionDate,
            readyDate: v.readyDate,
            urgency: v.urgency,
            preferredDistricts: v.preferredDistricts,
            updatedAt: new Date(),
          })
          .where(eq(queueEntries.id, entry.id));
        await addEntryEvent(tx, entry.id, 'import_updated', actor, null, {
          sourceSystem,
          sourceId: v.sourceId,
        });
        changed = true;
      }
      if (changed) result.updated++;
      else result.unchanged++;
    }
    await request.audit(
      {
        action: 'care.queue.imported',
        targetType: 'care_client',
        subjectClientIds: [...new Set(touchedClients)],
        purpose: PURPOSE.import,
        metadata: { sourceSystem, rows: valid.length, ...result },
      },
      tx,
    );
    return result;
  });
}

function entryChanged(entry: typeof queueEntries.$inferSelect, v: ValidRow) {
  return (
    entry.serviceTypeId !== v.serviceTypeId ||
    entry.decisionDate !== v.decisionDate ||
    entry.readyDate !== v.readyDate ||
    entry.urgency !== v.urgency ||
    !sameArray(entry.preferredDistricts, v.preferredDistricts)
  );
}
