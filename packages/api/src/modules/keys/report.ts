import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Language } from '@civic/shared/common';
import type { KeyAgreementState } from '@civic/shared/key-agreement';
import {
  addDays,
  dueStatus,
  helsinkiToday,
  type KeyAgreementReport,
  type KeyAgreementReportQuery,
  type KeyAgreementReportRow,
} from '@civic/shared/keys';
import { AppError } from '../../lib/errors.ts';
import { neutraliseFormula } from '../../lib/csv.ts';
import { executeCached } from '../../db/statements.ts';

// Made once: building a DateTimeFormat costs more than formatting every cell of a row with it.
const HELSINKI_WALL_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026-10-22T18:18:41.874Z` → `2026-10-22 21:18`: the wall-clock time in Helsinki. */
export function helsinkiDateTime(iso: string): string {
  const parts = Object.fromEntries(
    HELSINKI_WALL_CLOCK.formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * A spreadsheet date cell for a Helsinki wall-clock time or a calendar date. Spreadsheet dates
 * have no time zone: ExcelJS writes a Date by its UTC fields, so those carry Helsinki's.
 */
export function spreadsheetDate(value: string): Date {
  const [date, time = '00:00'] = (value.length > 10 ? helsinkiDateTime(value) : value).split(' ');
  return new Date(`${date}T${time}:00Z`);
}

const SHEET_FORMATS = {
  fi: { dateTime: 'd.m.yyyy h:mm', date: 'd.m.yyyy' },
  sv: { dateTime: 'yyyy-mm-dd hh:mm', date: 'yyyy-mm-dd' },
  en: { dateTime: 'dd/mm/yyyy hh:mm', date: 'dd/mm/yyyy' },
} as const;

/** The largest export; beyond this, narrow the filters (the answer says so). */
export const EXPORT_MAX_ROWS = 100_000;

const SORT_COLUMNS: Record<NonNullable<KeyAgreementReportQuery['sort']>, SQL> = {
  createdAt: sql`a.created_at`,
  signedAt: sql`a.signed_at`,
  expectedReturnDate: sql`a.expected_return_date`,
  state: sql`a.state`,
  site: sql`s.name`,
  renter: sql`r.name`,
  association: sql`asn.name`,
  number: sql`a.number`,
};

const FROM = sql`
  FROM key_agreements a
  JOIN sites s ON s.id = a.site_id
  JOIN renters r ON r.id = a.renter_id
  JOIN associations asn ON asn.id = a.association_id`;

/** Renters and associations are joined only when a search or the sort needs their names. */
function fromFor(query: KeyAgreementReportQuery): SQL {
  const needsNames = !!query.q?.trim() || query.sort === 'renter' || query.sort === 'association';
  return needsNames ? FROM : sql`FROM key_agreements a`;
}

const KEYS_OUT_STATES = sql`('active', 'partially_returned')`;

function whereOf(query: KeyAgreementReportQuery, today: string, dueSoonDays: number): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (query.siteId?.length) parts.push(sql`a.site_id IN ${query.siteId}`);
  if (query.state?.length) parts.push(sql`a.state IN ${query.state}`);
  if (query.associationId) parts.push(sql`a.association_id = ${query.associationId}`);
  // Agreement dates are Helsinki dates; compare timestamps so the created_at index serves.
  if (query.from)
    parts.push(sql`a.created_at >= (${query.from}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`);
  if (query.to)
    parts.push(sql`a.created_at < ((${query.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')`);
  if (query.due === 'overdue') {
    parts.push(sql`a.state IN ${KEYS_OUT_STATES} AND a.expected_return_date < ${today}::date`);
  } else if (query.due === 'due_soon') {
    parts.push(
      sql`a.state IN ${KEYS_OUT_STATES} AND a.expected_return_date BETWEEN ${today}::date AND ${addDays(today, dueSoonDays)}::date`,
    );
  }
  if (query.lost) {
    parts.push(
      sql`EXISTS (SELECT 1 FROM key_agreement_keys lk WHERE lk.agreement_id = a.id AND lk.state = 'lost')`,
    );
  }
  const q = query.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(
      lower(r.name) LIKE lower(${pattern}) OR lower(asn.name) LIKE lower(${pattern}) OR a.number ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM key_agreement_keys qk JOIN keys k ON k.id = qk.key_id
                 WHERE qk.agreement_id = a.id AND k.code = ${q.toUpperCase()}))`);
  }
  return sql.join(parts, sql` AND `);
}

interface RawRow {
  id: string;
  number: string;
  state: KeyAgreementState;
  created_at: Date;
  signed_at: Date | null;
  expected_return_date: string;
  site_id: string;
  site_name: string;
  site_manager: string;
  renter: string;
  association: string;
  keys: {
    code: string;
    state: 'out' | 'returned' | 'lost' | 'released';
    rekeying?: 'rekey' | 'accept_risk' | 'undecided';
  }[];
}

/**
 * One page of rows: the page's ids are chosen first (joining names only when the filter or sort
 * needs them), and only those rows are then joined and given their keys, so a deep page does not
 * build the details of every row it skips.
 */
function rowsQuery(where: SQL, query: KeyAgreementReportQuery, limit: number, offset: number): SQL {
  const sort = SORT_COLUMNS[query.sort ?? 'createdAt'];
  const order = query.order === 'asc' ? sql`ASC` : sql`DESC`;
  const from = query.sort === 'site' ? FROM : fromFor(query);
  return sql`
    WITH page AS (
      SELECT a.id ${from}
       WHERE ${where}
       ORDER BY ${sort} ${order} NULLS LAST, a.id ${order}
       LIMIT ${limit} OFFSET ${offset})
    SELECT a.id, a.number, a.state, a.created_at, a.signed_at, a.expected_return_date::text AS expected_return_date,
           s.id AS site_id, s.name AS site_name, u.display_name AS site_manager, r.name AS renter, asn.name AS association,
           (SELECT coalesce(json_agg(json_strip_nulls(json_build_object('code', k.code, 'state', ak.state,
                     -- A lost key carries its re-keying decision (or 'undecided').
                     'rekeying', CASE WHEN ak.state = 'lost' THEN coalesce(
                       (SELECT d.decision FROM key_events e JOIN key_loss_decisions d ON d.lost_event_id = e.id
                         WHERE e.key_id = k.id AND e.agreement_id = a.id AND e.event = 'lost'
                         ORDER BY e.at DESC LIMIT 1), 'undecided') END)) ORDER BY k.code), '[]')
              FROM key_agreement_keys ak JOIN keys k ON k.id = ak.key_id WHERE ak.agreement_id = a.id) AS keys
    ${FROM}
    JOIN page ON page.id = a.id
    JOIN users u ON u.id = a.handed_over_by
    ORDER BY ${sort} ${order} NULLS LAST, a.id ${order}`;
}

export function reportService(app: FastifyInstance) {
  const { db, config } = app;

  function toRow(r: RawRow, today: string): KeyAgreementReportRow {
    return {
      id: r.id,
      number: r.number,
      state: r.state,
      createdAt: new Date(r.created_at).toISOString(),
      signedAt: r.signed_at ? new Date(r.signed_at).toISOString() : null,
      expectedReturnDate: r.expected_return_date,
      dueStatus:
        r.state === 'active' || r.state === 'partially_returned'
          ? dueStatus(r.expected_return_date, today, config.KEY_DUE_SOON_DAYS)
          : null,
      site: { id: r.site_id, name: r.site_name },
      siteManager: r.site_manager,
      renter: r.renter,
      association: r.association,
      keys: r.keys,
    };
  }

  return {
    async report(request: FastifyRequest, query: KeyAgreementReportQuery): Promise<KeyAgreementReport> {
      const today = helsinkiToday();
      const where = () => whereOf(query, today, config.KEY_DUE_SOON_DAYS);
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const soon = addDays(today, config.KEY_DUE_SOON_DAYS);
      // Everything the two statements are built from: the same inputs give the same statements.
      const key = JSON.stringify([query, today]);
      const [rows, summary] = await Promise.all([
        executeCached<RawRow & Record<string, unknown>>(db, `key-report:${key}`, () =>
          rowsQuery(where(), query, pageSize, (page - 1) * pageSize),
        ),
        executeCached<{
          state: string;
          n: number;
          keys_out: number;
          overdue: number;
          due_soon: number;
          with_lost: number;
        }>(
          db,
          `key-report-summary:${key}`,
          // The agreement keys are aggregated once for the filtered set, not looked up per row.
          () => sql`
          WITH f AS (SELECT a.id, a.state, a.expected_return_date ${fromFor(query)} WHERE ${where()}),
               k AS (SELECT ak.agreement_id,
                            count(*) FILTER (WHERE ak.state = 'out') AS out,
                            bool_or(ak.state = 'lost') AS lost
                       FROM key_agreement_keys ak JOIN f ON f.id = ak.agreement_id
                      WHERE ak.state IN ('out', 'lost')
                      GROUP BY ak.agreement_id)
          SELECT f.state, count(*)::int AS n,
                 coalesce(sum(k.out), 0)::int AS keys_out,
                 count(*) FILTER (WHERE f.state IN ${KEYS_OUT_STATES} AND f.expected_return_date < ${today}::date)::int AS overdue,
                 count(*) FILTER (WHERE f.state IN ${KEYS_OUT_STATES} AND f.expected_return_date BETWEEN ${today}::date AND ${soon}::date)::int AS due_soon,
                 count(*) FILTER (WHERE k.lost)::int AS with_lost
            FROM f LEFT JOIN k ON k.agreement_id = f.id
           GROUP BY f.state`,
        ),
      ]);
      const byState: Record<string, number> = {};
      let total = 0;
      let keysOut = 0;
      let overdue = 0;
      let dueSoon = 0;
      let withLostKeys = 0;
      for (const s of summary.rows) {
        byState[s.state] = s.n;
        total += s.n;
        keysOut += s.keys_out;
        overdue += s.overdue;
        dueSoon += s.due_soon;
        withLostKeys += s.with_lost;
      }
      await request.audit({
        action: 'key_agreement.report_viewed',
        targetType: 'key_agreement',
        purpose: 'key_archive',
        metadata: {
          filters: { ...query, page: undefined, pageSize: undefined },
          rows: rows.rows.length,
          total,
        },
      });
      return {
        items: rows.rows.map((r) => toRow(r, today)),
        page,
        pageSize,
        total,
        summary: { byState, keysOut, overdue, dueSoon, withLostKeys },
      };
    },

    /** Exactly the filtered set, in the report's order, as CSV or XLSX; audited with its filters and size. */
    async export(
      request: FastifyRequest,
      query: KeyAgreementReportQuery,
      format: 'csv' | 'xlsx',
      lang: Language,
    ) {
      const today = helsinkiToday();
      const where = whereOf(query, today, config.KEY_DUE_SOON_DAYS);
      const result = await db.execute<RawRow & Record<string, unknown>>(
        rowsQuery(where, query, EXPORT_MAX_ROWS + 1, 0),
      );
      if (result.rows.length > EXPORT_MAX_ROWS) {
        throw new AppError(
          422,
          'validation_failed',
          `More than ${EXPORT_MAX_ROWS} agreements match; narrow the filters`,
          {
            errors: [{ field: '/', message: 'too_many_rows' }],
          },
        );
      }
      const l = EXPORT_LABELS[lang];
      const header = [
        l.number,
        l.state,
        l.createdAt,
        l.signedAt,
        l.expectedReturn,
        l.due,
        l.site,
        l.siteManager,
        l.renter,
        l.association,
        l.keys,
        l.keyStatus,
      ];
      const data = result.rows.map((raw) => {
        const r = toRow(raw, today);
        return [
          r.number,
          l.states[r.state],
          r.createdAt,
          r.signedAt,
          r.expectedReturnDate,
          r.dueStatus ? l.dueStates[r.dueStatus] : '',
          r.site.name,
          r.siteManager,
          r.renter,
          r.association,
          r.keys.map((k) => k.code).join(', '),
          r.keys
            .map(
              (k) => `${k.code}: ${l.keyStates[k.state]}${k.rekeying ? ` (${l.rekeying[k.rekeying]})` : ''}`,
            )
            .join(', '),
        ];
      });
      await request.audit({
        action: 'key_agreement.exported',
        targetType: 'key_agreement',
        purpose: 'key_archive',
        metadata: { format, filters: { ...query, page: undefined, pageSize: undefined }, rows: data.length },
      });
      const stamp = today.replaceAll('-', '');
      if (format === 'csv') {
        // BOM and semicolons: how Excel in Finnish locale opens a CSV correctly.
        // Times as a person in Helsinki reads them, not raw UTC.
        const local = data.map((row) =>
          row.map((cell, i) => (i === 2 || i === 3 ? (cell ? helsinkiDateTime(cell) : '') : (cell ?? ''))),
        );
        const body =
          '\uFEFF' +
          stringify([header, ...local.map((row) => row.map(neutraliseFormula))], { delimiter: ';' });
        return {
          body: Buffer.from(body, 'utf8'),
          filename: `key-agreements-${stamp}.csv`,
          contentType: 'text/csv; charset=utf-8',
          rows: data.length,
        };
      }
      const workbook = new ExcelJS.Workbook();
      workbook.creator = 'Civic services';
      const sheet = workbook.addWorksheet(l.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow(header).font = { bold: true };
      // Real date cells, so the spreadsheet sorts, filters and formats them as dates.
      sheet.addRows(
        data.map((row) =>
          row.map((cell, i) => (i >= 2 && i <= 4 ? (cell ? spreadsheetDate(cell) : null) : cell)),
        ),
      );
      sheet.columns.forEach((c, i) => {
        c.width = 18;
        if (i === 2 || i === 3) c.numFmt = SHEET_FORMATS[lang].dateTime;
        if (i === 4) c.numFmt = SHEET_FORMATS[lang].date;
      });
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
      const body = Buffer.from(await workbook.xlsx.writeBuffer());
      return {
        body,
        filename: `key-agreements-${stamp}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        rows: data.length,
      };
    },
  };
}

/** The export's words in each language (the keys figures name the states with these too). */
export const EXPORT_LABELS = {
  fi: {
    sheet: 'Avainsopimukset',
    number: 'Sopimus',
    state: 'Tila',
    createdAt: 'Sopimuspäivä',
    signedAt: 'Allekirjoitettu',
    expectedReturn: 'Palautettava',
    due: 'Palautus',
    site: 'Kohde',
    siteManager: 'Kohdevastaava',
    renter: 'Vuokralainen',
    association: 'Seura/yhteisö',
    keys: 'Avaintunnukset',
    keyStatus: 'Avainten tila',
    states: {
      draft: 'Luonnos',
      awaiting_signature: 'Odottaa allekirjoitusta',
      active: 'Voimassa',
      partially_returned: 'Osittain palautettu',
      returned: 'Palautettu',
      cancelled: 'Peruttu',
      declined: 'Hylätty',
      expired: 'Linkki vanhentunut',
    },
    dueStates: { overdue: 'Myöhässä', due_soon: 'Erääntyy pian', on_time: 'Ajallaan' },
    keyStates: { out: 'lainassa', returned: 'palautettu', lost: 'kadonnut', released: 'ei luovutettu' },
    rekeying: { rekey: 'lukot vaihdetaan', accept_risk: 'riski hyväksytty', undecided: 'ei päätöstä' },
  },
  sv: {
    sheet: 'Nyckelavtal',
    number: 'Avtal',
    state: 'Status',
    createdAt: 'Avtalsdatum',
    signedAt: 'Undertecknat',
    expectedReturn: 'Återlämnas',
    due: 'Återlämning',
    site: 'Objekt',
    siteManager: 'Objektansvarig',
    renter: 'Hyresgäst',
    association: 'Förening',
    keys: 'Nyckelkoder',
    keyStatus: 'Nycklarnas status',
    states: {
      draft: 'Utkast',
      awaiting_signature: 'Väntar på underskrift',
      active: 'Gällande',
      partially_returned: 'Delvis återlämnat',
      returned: 'Återlämnat',
      cancelled: 'Återkallat',
      declined: 'Avböjt',
      expired: 'Länken har gått ut',
    },
    dueStates: { overdue: 'Försenad', due_soon: 'Förfaller snart', on_time: 'I tid' },
    keyStates: { out: 'utlånad', returned: 'återlämnad', lost: 'förlorad', released: 'inte utlämnad' },
    rekeying: { rekey: 'låsen byts', accept_risk: 'risken godtas', undecided: 'inget beslut' },
  },
  en: {
    sheet: 'Key agreements',
    number: 'Agreement',
    state: 'Status',
    createdAt: 'Agreement date',
    signedAt: 'Signed',
    expectedReturn: 'Due back',
    due: 'Return',
    site: 'Site',
    siteManager: 'Site manager',
    renter: 'Renter',
    association: 'Association',
    keys: 'Key codes',
    keyStatus: 'Key status',
    states: {
      draft: 'Draft',
      awaiting_signature: 'Awaiting signature',
      active: 'Active',
      partially_returned: 'Partly returned',
      returned: 'Returned',
      cancelled: 'Cancelled',
      declined: 'Declined',
      expired: 'Link expired',
    },
    dueStates: { overdue: 'Overdue', due_soon: 'Due soon', on_time: 'On time' },
    keyStates: { out: 'out', returned: 'returned', lost: 'lost', released: 'not handed over' },
    rekeying: { rekey: 're-key', accept_risk: 'risk accepted', undecided: 'no decision' },
  },
} as const;
