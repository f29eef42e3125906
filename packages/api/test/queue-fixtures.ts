import { expect } from 'vitest';
import { helsinkiToday } from '@civic/shared/keys';
import { addDays } from '@civic/shared/keys';
import type { CreateClient, CreateQueueEntry } from '@civic/shared/queue';
import { createCareUnit, createProvider, userWithToken, type TestApp } from './helpers.ts';

const CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
let individual = 100;

/** A valid personal identity code for a birth date (1900s use '-', 2000s 'A'). */
export function hetu(birthDate = '1940-05-17', n = individual++): string {
  const [y, m, d] = birthDate.split('-');
  const yy = y!.slice(2);
  const sign = Number(y) >= 2000 ? 'A' : Number(y) >= 1900 ? '-' : '+';
  const num = String((n % 900) + 2).padStart(3, '0');
  return `${d}${m}${yy}${sign}${num}${CHECK[Number(`${d}${m}${yy}${num}`) % 31]}`;
}

export const today = () => helsinkiToday();
export const daysAgo = (n: number) => addDays(helsinkiToday(), -n);

export type Session = Awaited<ReturnType<typeof userWithToken>>;

/** A coordinator, a provider with one unit and its two users, and another provider with its own user. */
export async function queueFixture(
  t: TestApp,
  figures = { maxCapacity: 30, occupied: 24, reserved: 0, vacantAccepting: 0, closedToAdmissions: false },
) {
  const provider = await createProvider(t);
  const otherProvider = await createProvider(t);
  const unit = await createCareUnit(t, provider.id, figures);
  const otherUnit = await createCareUnit(t, otherProvider.id, figures);
  const coordinator = await userWithToken(t, { roles: ['care_coordinator'] });
  const providerUser = await userWithToken(t, { roles: ['provider_user'], providerId: provider.id });
  const otherProviderUser = await userWithToken(t, {
    roles: ['provider_user'],
    providerId: otherProvider.id,
  });
  const tags = Object.fromEntries(
    (await t.sql<{ id: string; code: string }>(`SELECT id, code FROM care_tags`)).map((r) => [r.code, r.id]),
  );
  return { provider, otherProvider, unit, otherUnit, coordinator, providerUser, otherProviderUser, tags };
}

export async function newClient(t: TestApp, auth: string, over: Partial<CreateClient> = {}) {
  const res = await t
    .http()
    .post('/api/v1/care/clients')
    .set('authorization', auth)
    .send({
      personalIdentityCode: hetu(),
      firstName: 'Aili',
      lastName: `Virtanen${individual}`,
      language: 'fi',
      waiting: { setting: 'hospital', place: 'Laakson sairaala, osasto 7' },
      ...over,
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; personalIdentityCode: string };
}

export async function newEntry(
  t: TestApp,
  auth: string,
  body: Partial<CreateQueueEntry> & { clientId: string; serviceTypeId: string },
) {
  const res = await t
    .http()
    .post('/api/v1/care/queue/entries')
    .set('authorization', auth)
    .send({ decisionDate: daysAgo(30), urgency: 'normal', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; status: string; position: number };
}

/** A vacancy reported through the portal, as a provider does. */
export async function reportVacancy(
  t: TestApp,
  auth: string,
  unit: { unitId: string; serviceTypeId: string },
) {
  const res = await t
    .http()
    .post(`/api/v1/portal/units/${unit.unitId}/vacancies`)
    .set('authorization', auth)
    .send({ serviceTypeId: unit.serviceTypeId, availableFrom: today() });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

export async function figures(t: TestApp, unitId: string) {
  const [row] = await t.sql<{ occupied: number; reserved: number; vacant_accepting: number }>(
    `SELECT occupied, reserved, vacant_accepting FROM care_capacity WHERE unit_id = $1`,
    [unitId],
  );
  return row!;
}

export async function vacancyStatus(t: TestApp, id: string) {
  return (await t.sql<{ status: string }>(`SELECT status FROM vacancies WHERE id = $1`, [id]))[0]!.status;
}

export async function entryStatus(t: TestApp, id: string) {
  return (await t.sql<{ status: string }>(`SELECT status FROM queue_entries WHERE id = $1`, [id]))[0]!.status;
}
