import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, asc, desc, eq, ilike, inArray, max, or, sql, type SQL } from 'drizzle-orm';
import { isValidBusinessId } from '@civic/shared/identifiers';
import {
  KEY_CODE_PATTERN,
  maskEmail,
  maskPhone,
  normaliseKeyCode,
  type Association,
  type CreateAgreementTemplate,
  type CreateAssociation,
  type CreateKey,
  type CreateSite,
  type KeyDetail,
  type KeyHolder,
  type KeyImportRowError,
  type Key,
  type KeyListQuery,
  type LookupQuery,
  type Renter,
  type Site,
  type SiteListQuery,
  type UpdateKey,
  type UpdateSite,
  type AgreementTemplate,
} from '@civic/shared/keys';
import type { Executor } from '../../db/client.ts';
import {
  agreementTemplates,
  associations,
  keyAgreementKeys,
  keyAgreements,
  keyEvents,
  keys,
  renters,
  sites,
  users,
  userSites,
} from '../../db/schema/index.ts';
import { parseCsvYielding } from '../../lib/csv.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { rowsRefused, runImport, yieldToOthers } from '../imports/service.ts';
import { assertSite, isKeyStaff, siteScope } from './access.ts';

type KeyRow = typeof keys.$inferSelect;

/** Rows written per statement by the CSV import. */
const IMPORT_BATCH = 5000;

export function actorOf(request: FastifyRequest) {
  const p = request.principal;
  if (p?.kind === 'user') return { actorUserId: p.id, actorLabel: p.username };
  if (p?.kind === 'client') return { actorUserId: null, actorLabel: p.clientId };
  return { actorUserId: null, actorLabel: 'renter' };
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Who holds each key that is out, for the keys given. Renter names only for key staff. */
export async function holdersOf(
  db: Executor,
  keyIds: string[],
  withRenter: boolean,
): Promise<Map<string, KeyHolder>> {
  if (!keyIds.length) return new Map();
  const rows = await db
    .select({
      keyId: keyAgreementKeys.keyId,
      agreementId: keyAgreements.id,
      number: keyAgreements.number,
      association: associations.name,
      renter: renters.name,
      since: keyAgreements.createdAt,
      expectedReturnDate: keyAgreements.expectedReturnDate,
    })
    .from(keyAgreementKeys)
    .innerJoin(keyAgreements, eq(keyAgreements.id, keyAgreementKeys.agreementId))
    .innerJoin(associations, eq(associations.id, keyAgreements.associationId))
    .innerJoin(renters, eq(renters.id, keyAgreements.renterId))
    .where(and(inArray(keyAgreementKeys.keyId, keyIds), eq(keyAgreementKeys.holding, true)));
  return new Map(
    rows.map((r) => [
      r.keyId,
      {
        agreementId: r.agreementId,
        agreementNumber: r.number,
        association: r.association,
        ...(withRenter ? { renter: r.renter } : {}),
        since: r.since.toISOString(),
        expectedReturnDate: r.expectedReturnDate,
      },
    ]),
  );
}

function toKeyDto(row: KeyRow, site: { id: string; name: string }, holder: KeyHolder | null): Key {
  return {
    id: row.id,
    site,
    code: row.code,
    opens: row.opens,
    keySet: row.keySet,
    status: row.status,
    note: row.note,
    holder,
  };
}

export function inventoryService(app: FastifyInstance) {
  const { db } = app;

  async function siteRef(siteId: string) {
    const [site] = await db
      .select({ id: sites.id, name: sites.name })
      .from(sites)
      .where(eq(sites.id, siteId));
    return site ?? null;
  }

  async function getSiteRows(where: SQL | undefined): Promise<Site[]> {
    const rows = await db.select().from(sites).where(where).orderBy(asc(sites.name));
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [counts, managers] = await Promise.all([
      db
        .select({ siteId: keys.siteId, status: keys.status, n: sql<number>`count(*)::int` })
        .from(keys)
        .where(inArray(keys.siteId, ids))
        .groupBy(keys.siteId, keys.status),
      db
        .select({ siteId: userSites.siteId, id: users.id, name: users.displayName })
        .from(userSites)
        .innerJoin(users, eq(users.id, userSites.userId))
        .where(and(inArray(userSites.siteId, ids), sql`${users.disabledAt} IS NULL`))
        .orderBy(asc(users.displayName)),
    ]);
    return rows.map((r) => {
      const keyCounts = { available: 0, lent: 0, lost: 0, retired: 0 };
      for (const c of counts) if (c.siteId === r.id) keyCounts[c.status] = c.n;
      return {
        id: r.id,
        name: r.name,
        address: r.address,
        district: r.district,
        department: r.department,
        keyCounts,
        managers: managers.filter((m) => m.siteId === r.id).map(({ id, name }) => ({ id, name })),
      };
    });
  }

  async function lockKey(tx: Executor, id: string) {
    const [row] = await tx.select().from(keys).where(eq(keys.id, id)).for('update');
    return row ?? null;
  }

  return {
    async listSites(request: FastifyRequest, query: SiteListQuery) {
      const scope = await siteScope(db, request);
      const conditions: SQL[] = [];
      if (!scope.all) {
        if (!scope.siteIds.length) return [];
        conditions.push(inArray(sites.id, scope.siteIds));
      }
      if (query.q)
        conditions.push(or(ilike(sites.name, like(query.q)), ilike(sites.address, like(query.q)))!);
      return getSiteRows(conditions.length ? and(...conditions) : undefined);
    },

    async getSite(request: FastifyRequest, id: string) {
      assertSite(await siteScope(db, request), id, 'Site');
      const [site] = await getSiteRows(eq(sites.id, id));
      if (!site) throw notFound('Site');
      return site;
    },

    async createSite(request: FastifyRequest, body: CreateSite) {
      const id = await db.transaction(async (tx) => {
        const [row] = await tx.insert(sites).values(body).returning({ id: sites.id });
        await request.audit({ action: 'site.created', targetType: 'site', targetId: row!.id }, tx);
        return row!.id;
      });
      return (await getSiteRows(eq(sites.id, id)))[0]!;
    },

    async updateSite(request: FastifyRequest, id: string, body: UpdateSite) {
      await db.transaction(async (tx) => {
        const rows = await tx.update(sites).set(body).where(eq(sites.id, id)).returning({ id: sites.id });
        if (!rows.length) throw notFound('Site');
        await request.audit(
          {
            action: 'site.updated',
            targetType: 'site',
            targetId: id,
            metadata: { changed: Object.keys(body) },
          },
          tx,
        );
      });
      return (await getSiteRows(eq(sites.id, id)))[0]!;
    },

    async listKeys(request: FastifyRequest, siteId: string, query: KeyListQuery): Promise<Key[]> {
      assertSite(await siteScope(db, request), siteId, 'Site');
      const site = await siteRef(siteId);
      if (!site) throw notFound('Site');
      const conditions = [eq(keys.siteId, siteId)];
      if (query.status) conditions.push(eq(keys.status, query.status));
      if (query.q) {
        conditions.push(
          or(
            ilike(keys.code, `${normaliseKeyCode(query.q).replace(/[\\%_]/g, '')}%`),
            ilike(keys.opens, like(query.q)),
          )!,
        );
      }
      const rows = await db
        .select()
        .from(keys)
        .where(and(...conditions))
        .orderBy(asc(keys.code))
        .limit(query.q ? 20 : 1000);
      const staff = isKeyStaff(request);
      const holders = await holdersOf(
        db,
        rows.filter((r) => r.status === 'lent').map((r) => r.id),
        staff,
      );
      if (staff && holders.size) {
        // Key staff see the renters holding keys: a view of personal data.
        await request.audit({
          action: 'key.holders_viewed',
          targetType: 'site',
          targetId: siteId,
          purpose: 'key_archive',
          metadata: { agreementIds: [...new Set([...holders.values()].map((h) => h.agreementId))] },
        });
      }
      return rows.map((r) => toKeyDto(r, site, holders.get(r.id) ?? null));
    },

    async createKey(request: FastifyRequest, siteId: string, body: CreateKey) {
      const site = await siteRef(siteId);
      if (!site) throw notFound('Site');
      const code = normaliseKeyCode(body.code);
      const row = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(keys)
          .values({ siteId, code, opens: body.opens, keySet: body.keySet ?? null })
          .onConflictDoNothing()
          .returning();
        if (!row) throw conflict(`Key ${code} already exists at this site`);
        await tx.insert(keyEvents).values({ keyId: row.id, event: 'created', ...actorOf(request) });
        await request.audit(
          { action: 'key.created', targetType: 'key', targetId: row.id, metadata: { code } },
          tx,
        );
        return row;
      });
      return toKeyDto(row, site, null);
    },

    async updateKey(request: FastifyRequest, id: string, body: UpdateKey) {
      const row = await db.transaction(async (tx) => {
        const current = await lockKey(tx, id);
        if (!current) throw notFound('Key');
        if (body.status && body.status !== current.status) {
          // A key that is out comes back through a return, not by editing it.
          if (current.status === 'lent') {
            throw new AppError(409, 'invalid_transition', 'A lent key changes status through its agreement');
          }
          await tx.insert(keyEvents).values({
            keyId: id,
            event:
              body.status === 'available'
                ? current.status === 'lost'
                  ? 'found'
                  : 'reinstated'
                : body.status,
            note: body.note ?? null,
            ...actorOf(request),
          });
        } else {
          await tx
            .insert(keyEvents)
            .values({ keyId: id, event: 'updated', note: body.note ?? null, ...actorOf(request) });
        }
        const [row] = await tx
          .update(keys)
          .set({ ...body, updatedAt: new Date() })
          .where(eq(keys.id, id))
          .returning();
        await request.audit(
          {
            action: 'key.updated',
            targetType: 'key',
            targetId: id,
            metadata: { changed: Object.keys(body), status: row!.status },
          },
          tx,
        );
        return row!;
      });
      return this.getKey(request, row.id);
    },

    async getKey(request: FastifyRequest, id: string): Promise<KeyDetail> {
      const [row] = await db.select().from(keys).where(eq(keys.id, id));
      if (!row) throw notFound('Key');
      assertSite(await siteScope(db, request), row.siteId, 'Key');
      const [site, holders, history] = await Promise.all([
        siteRef(row.siteId),
        holdersOf(db, [id], isKeyStaff(request)),
        db
          .select({
            id: keyEvents.id,
            at: keyEvents.at,
            event: keyEvents.event,
            actor: sql<string>`coalesce(${users.displayName}, ${keyEvents.actorLabel})`,
            agreementId: keyEvents.agreementId,
            agreementNumber: keyAgreements.number,
            note: keyEvents.note,
          })
          .from(keyEvents)
          .leftJoin(users, eq(users.id, keyEvents.actorUserId))
          .leftJoin(keyAgreements, eq(keyAgreements.id, keyEvents.agreementId))
          .where(eq(keyEvents.keyId, id))
          .orderBy(desc(keyEvents.at), desc(keyEvents.id)),
      ]);
      const holder = holders.get(id);
      if (holder?.renter) {
        await request.audit({
          action: 'key.holders_viewed',
          targetType: 'key',
          targetId: id,
          purpose: 'key_archive',
          metadata: { agreementIds: [holder.agreementId] },
        });
      }
      return {
        ...toKeyDto(row, site!, holder ?? null),
        history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
      };
    },

    /**
     * CSV import of a site's keys: columns `code`, `opens`, optional `key_set`. Every row is checked
     * first; one bad row means nothing is created and the answer lists every problem by line. Rows
     * are parsed, checked and written in chunks that let other requests run in between; a long
     * import answers 202 with its job (`runImport`), all rows still in one transaction.
     */
    async importKeys(request: FastifyRequest, siteId: string, csv: string) {
      const site = await siteRef(siteId);
      if (!site) throw notFound('Site');
      let records: { record: Record<string, string>; line: number }[];
      try {
        records = await parseCsvYielding(csv.replace(/^\uFEFF/, ''), { delimiter: [',', ';'] });
      } catch (err) {
        throw badRequest(`The file is not valid CSV: ${(err as Error).message}`, [
          { field: '/file', message: 'invalid_csv' },
        ]);
      }
      return runImport(request, 'keys', records.length, async (progress) => {
        const rowErrors: KeyImportRowError[] = [];
        if (!records.length) rowErrors.push({ line: 1, field: 'file', message: 'no_rows' });
        const existing = new Set(
          (await db.select({ code: keys.code }).from(keys).where(eq(keys.siteId, siteId))).map((r) => r.code),
        );
        const seen = new Map<string, number>();
        const pattern = new RegExp(KEY_CODE_PATTERN);
        const valid: { siteId: string; code: string; opens: string; keySet: string | null }[] = [];
        for (const [i, { record, line }] of records.entries()) {
          if (i % 5000 === 4999) await yieldToOthers();
          const code = normaliseKeyCode(record.code ?? '');
          const opens = (record.opens ?? '').trim();
          if (!code) rowErrors.push({ line, field: 'code', message: 'required' });
          else if (!pattern.test(code)) rowErrors.push({ line, field: 'code', message: 'invalid_format' });
          else if (existing.has(code)) rowErrors.push({ line, field: 'code', message: 'already_exists' });
          else if (seen.has(code))
            rowErrors.push({ line, field: 'code', message: `duplicate_of_line_${seen.get(code)}` });
          seen.set(code, seen.get(code) ?? line);
          if (!opens) rowErrors.push({ line, field: 'opens', message: 'required' });
          else if (opens.length > 300) rowErrors.push({ line, field: 'opens', message: 'too_long' });
          const keySet = (record.key_set ?? record.keyset ?? '').trim() || null;
          if (keySet && keySet.length > 100) rowErrors.push({ line, field: 'key_set', message: 'too_long' });
          valid.push({ siteId, code, opens, keySet });
        }
        if (rowErrors.length) throw rowsRefused(rowErrors);
        await db.transaction(async (tx) => {
          // Each column goes as one array parameter (`unnest`), so a batch is 4 parameters however
          // many rows, and building the statement costs nothing (drizzle's builder spent ~70 ms of
          // event loop per 1 000 rows).
          const actor = actorOf(request);
          for (let i = 0; i < valid.length; i += IMPORT_BATCH) {
            const batch = valid.slice(i, i + IMPORT_BATCH);
            const created = await tx.execute<{ id: string }>(sql`
              INSERT INTO keys (site_id, code, opens, key_set)
              SELECT ${siteId}, code, opens, key_set
                FROM unnest(${sql.param(batch.map((v) => v.code))}::text[],
                            ${sql.param(batch.map((v) => v.opens))}::text[],
                            ${sql.param(batch.map((v) => v.keySet))}::text[]) AS r(code, opens, key_set)
              RETURNING id`);
            await tx.execute(sql`
              INSERT INTO key_events (key_id, event, note, actor_user_id, actor_label)
              SELECT id, 'created', 'CSV import', ${actor.actorUserId}, ${actor.actorLabel}
                FROM unnest(${sql.param(created.rows.map((r) => r.id))}::uuid[]) AS r(id)`);
            await progress(i + batch.length);
          }
          await request.audit(
            {
              action: 'key.imported',
              targetType: 'site',
              targetId: siteId,
              metadata: { created: valid.length },
            },
            tx,
          );
        });
        return { created: valid.length };
      });
    },

    async searchAssociations(query: LookupQuery): Promise<Association[]> {
      return db
        .select({ id: associations.id, name: associations.name, businessId: associations.businessId })
        .from(associations)
        .where(or(ilike(associations.name, like(query.q)), eq(associations.businessId, query.q.trim())))
        .orderBy(asc(associations.name))
        .limit(20);
    },

    async createAssociation(request: FastifyRequest, body: CreateAssociation, tx: Executor = db) {
      const businessId = body.businessId?.trim() || null;
      if (businessId && !isValidBusinessId(businessId)) {
        throw badRequest('The business ID (Y-tunnus) is not valid', [
          { field: '/businessId', message: 'invalid_business_id' },
        ]);
      }
      const name = body.name.trim().replace(/\s+/g, ' ');
      const [row] = await tx
        .insert(associations)
        .values({ name, businessId })
        .onConflictDoNothing()
        .returning({ id: associations.id, name: associations.name, businessId: associations.businessId });
      if (row) {
        await request.audit(
          { action: 'association.created', targetType: 'association', targetId: row.id },
          tx,
        );
        return row;
      }
      // Same name typed again: reuse it rather than make a twin.
      const [same] = await tx
        .select({ id: associations.id, name: associations.name, businessId: associations.businessId })
        .from(associations)
        .where(sql`lower(${associations.name}) = lower(${name})`);
      return same!;
    },

    /**
     * Contact persons for type-ahead at lending. Personal data, so every search is audited. A site
     * manager finds only what lending needs: contact persons of the chosen association who have had
     * agreements at their own sites, with the e-mail and phone masked (lending by the renter's id
     * needs neither; the agreement itself carries them to the signing link).
     */
    async searchRenters(request: FastifyRequest, query: LookupQuery): Promise<Renter[]> {
      const staff = isKeyStaff(request);
      if (!staff && !query.associationId) {
        throw badRequest('Choose the association first', [{ field: '/associationId', message: 'required' }]);
      }
      const conditions = [
        sql`${renters.anonymisedAt} IS NULL`,
        or(ilike(renters.name, like(query.q)), ilike(renters.email, like(query.q)))!,
      ];
      if (query.associationId) conditions.push(eq(renters.associationId, query.associationId));
      if (!staff) {
        const scope = await siteScope(db, request);
        if (!scope.all) {
          if (!scope.siteIds.length) return [];
          conditions.push(
            inArray(
              renters.id,
              db
                .select({ id: keyAgreements.renterId })
                .from(keyAgreements)
                .where(inArray(keyAgreements.siteId, scope.siteIds)),
            ),
          );
        }
      }
      const rows = await db
        .select({
          id: renters.id,
          name: renters.name,
          email: renters.email,
          phone: renters.phone,
          associationId: associations.id,
          associationName: associations.name,
        })
        .from(renters)
        .leftJoin(associations, eq(associations.id, renters.associationId))
        .where(and(...conditions))
        .orderBy(asc(renters.name))
        .limit(10);
      await request.audit({
        action: 'renter.searched',
        targetType: 'renter',
        purpose: 'key_lending',
        metadata: { resultIds: rows.map((r) => r.id), masked: !staff },
      });
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: staff ? (r.email ?? '') : maskEmail(r.email ?? ''),
        phone: staff ? (r.phone ?? '') : maskPhone(r.phone ?? ''),
        association: r.associationId ? { id: r.associationId, name: r.associationName! } : null,
      }));
    },

    async listTemplates(department?: string): Promise<AgreementTemplate[]> {
      const rows = await db
        .select({
          id: agreementTemplates.id,
          department: agreementTemplates.department,
          version: agreementTemplates.version,
          texts: agreementTemplates.texts,
          createdAt: agreementTemplates.createdAt,
          createdBy: sql<string>`coalesce(${users.displayName}, 'system')`,
        })
        .from(agreementTemplates)
        .leftJoin(users, eq(users.id, agreementTemplates.createdBy))
        .where(department ? eq(agreementTemplates.department, department) : undefined)
        .orderBy(asc(agreementTemplates.department), desc(agreementTemplates.version));
      return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    },

    /** A new version of a department's text; earlier versions stay as signed agreements froze them. */
    async createTemplate(request: FastifyRequest, body: CreateAgreementTemplate) {
      const actor = request.requireUser();
      const id = await db.transaction(async (tx) => {
        // Serialise version numbers per department.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`template:${body.department}`}))`);
        const [{ latest } = { latest: 0 }] = await tx
          .select({ latest: max(agreementTemplates.version) })
          .from(agreementTemplates)
          .where(eq(agreementTemplates.department, body.department));
        const [row] = await tx
          .insert(agreementTemplates)
          .values({
            department: body.department,
            version: (latest ?? 0) + 1,
            texts: body.texts,
            createdBy: actor.id,
          })
          .returning({ id: agreementTemplates.id });
        await request.audit(
          { action: 'agreement_template.created', targetType: 'agreement_template', targetId: row!.id },
          tx,
        );
        return row!.id;
      });
      return (await this.listTemplates(body.department)).find((t) => t.id === id)!;
    },
  };
}

/** The newest template of a department, falling back to the city-wide default (department `*`). */
export async function currentTemplate(db: Executor, department: string) {
  const [row] = await db
    .select()
    .from(agreementTemplates)
    .where(inArray(agreementTemplates.department, [department, '*']))
    .orderBy(sql`${agreementTemplates.department} = '*'`, desc(agreementTemplates.version))
    .limit(1);
  return row ?? null;
}
