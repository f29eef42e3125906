import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TObject } from 'typebox';
import { LanguageSchema, type Language } from '@civic/shared/common';
import { helsinkiToday } from '@civic/shared/keys';
import {
  CareFiguresQuerySchema,
  CareFiguresSchema,
  KeyFiguresQuerySchema,
  KeyFiguresSchema,
  WaitingTimesQuerySchema,
  WaitingTimesSchema,
} from '@civic/shared/reports';
import { problems } from '../../lib/schemas.ts';
import { CARE_READERS } from '../care/access.ts';
import { KEY_STAFF } from '../keys/access.ts';
import { reportFile, type ReportTable } from './export.ts';
import * as reports from './service.ts';
import { careFiguresTable, keyFiguresTable, waitingTimesTable } from './tables.ts';

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const FILE_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
const exportQuery = <T extends TObject>(query: T) =>
  Type.Object(
    {
      ...query.properties,
      format: Type.Enum(['csv', 'xlsx'] as const),
      /** Headers and words in this language; `en` also writes decimal points (for other systems). */
      lang: Type.Optional(LanguageSchema),
    },
    { additionalProperties: false },
  );

/**
 * Management figures (`/reports/*`): JSON for the staff app's reports and for BI tools with the
 * `reports:read` scope, and each table as CSV or XLSX. Aggregates only, computed from the
 * product's own history for any past period; care groups under 5 clients are suppressed.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const care = { roles: CARE_READERS, scopes: ['reports:read'] } as const;
  const keys = { roles: KEY_STAFF, scopes: ['reports:read'] } as const;
  const tags = ['reports'];
  const today = () => helsinkiToday();

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    report: string,
    table: ReportTable,
    format: 'csv' | 'xlsx',
    lang: Language,
    filters: object,
  ) {
    const file = await reportFile(table, format, lang);
    await request.audit({
      action: 'reports.exported',
      targetType: 'report',
      targetId: report,
      metadata: { format, filters, rows: file.rows },
    });
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('x-row-count', String(file.rows))
      .send(file.body);
  }

  // ------------------------------------------------------------------------------ care figures
  app.get(
    '/reports/care/figures',
    {
      config: { access: care },
      schema: {
        operationId: 'getCareFigures',
        tags,
        summary: 'Care figures for a period, split as asked (aggregates; groups under 5 clients suppressed)',
        description:
          'Occupancy, vacancies, the queue, waiting times and their cost, offers. Each figure of the ' +
          'response schema says how it is defined. `groupBy` splits by own/purchased, provider, unit, ' +
          'district, service type or month; filters narrow the places. Figures of the queue as a whole ' +
          '(queue length, overdue, hospital days, cost) have no place: with a place filter, or in rows ' +
          'split by place, they are `not_applicable`.',
        querystring: CareFiguresQuerySchema,
        response: { 200: CareFiguresSchema, ...problems(400) },
      },
    },
    (request) => reports.careFigures(app.db, request.query, today()),
  );
  app.get(
    '/reports/care/figures/export',
    {
      config: { access: care },
      schema: {
        operationId: 'exportCareFigures',
        tags,
        summary: 'The care figures table as CSV or XLSX',
        querystring: exportQuery(CareFiguresQuerySchema),
        produces: FILE_TYPES,
        response: { 200: Binary, ...problems(400) },
      },
    },
    async (request, reply) => {
      const { format, lang = 'fi', ...query } = request.query;
      const result = await reports.careFigures(app.db, query, today());
      return send(request, reply, 'care_figures', careFiguresTable(result, lang), format, lang, query);
    },
  );

  // ------------------------------------------------------------------ waiting times (§26)
  app.get(
    '/reports/care/waiting-times',
    {
      config: { access: care },
      schema: {
        operationId: 'getWaitingTimes',
        tags,
        summary: 'The half-year publication of waiting times (Elderly Services Act §26), per service type',
        querystring: WaitingTimesQuerySchema,
        response: { 200: WaitingTimesSchema, ...problems(400) },
      },
    },
    (request) => reports.waitingTimes(app.db, request.query, today()),
  );
  app.get(
    '/reports/care/waiting-times/export',
    {
      config: { access: care },
      schema: {
        operationId: 'exportWaitingTimes',
        tags,
        summary: 'The half-year publication as CSV or XLSX',
        querystring: exportQuery(WaitingTimesQuerySchema),
        produces: FILE_TYPES,
        response: { 200: Binary, ...problems(400) },
      },
    },
    async (request, reply) => {
      const { format, lang = 'fi', ...query } = request.query;
      const result = await reports.waitingTimes(app.db, query, today());
      return send(request, reply, 'waiting_times', waitingTimesTable(result, lang), format, lang, query);
    },
  );

  // ------------------------------------------------------------------------------ keys figures
  app.get(
    '/reports/keys/figures',
    {
      config: { access: keys },
      schema: {
        operationId: 'getKeyFigures',
        tags,
        summary:
          'Key agreements made in a period by state, overdue now and lost keys, per site, association, season or month',
        querystring: KeyFiguresQuerySchema,
        response: { 200: KeyFiguresSchema, ...problems(400) },
      },
    },
    (request) => reports.keyFigures(app.db, request.query, today(), app.config.KEY_SEASON_END),
  );
  app.get(
    '/reports/keys/figures/export',
    {
      config: { access: keys },
      schema: {
        operationId: 'exportKeyFigures',
        tags,
        summary: 'The keys figures table as CSV or XLSX',
        querystring: exportQuery(KeyFiguresQuerySchema),
        produces: FILE_TYPES,
        response: { 200: Binary, ...problems(400) },
      },
    },
    async (request, reply) => {
      const { format, lang = 'fi', ...query } = request.query;
      const result = await reports.keyFigures(app.db, query, today(), app.config.KEY_SEASON_END);
      return send(request, reply, 'key_figures', keyFiguresTable(result, lang), format, lang, query);
    },
  );
};

export default routes;
