import {
  FIXTURE,
  FIXTURE_PROVIDERS,
  FIXTURE_SERVICE_TYPES,
} from '@civic/shared/testing/care-figures-fixture';
import type { TestApp } from './helpers.ts';
import { hetu } from './queue-fixtures.ts';

/**
 * Loads the shared hand-computed figures fixture into the test database as the product keeps it:
 * providers, units, capacity history (in its order), vacancies, clients with their waiting
 * periods, queue entries, offers and prices. Rows the fixture does not name get plain values.
 */
export async function loadFiguresFixture(t: TestApp) {
  const q = (text: string, params: unknown[]) => t.sql(text, params);
  const json = (rows: unknown[]) => JSON.stringify(rows);
  await q(
    `INSERT INTO providers (id, name, kind) SELECT id, name, kind::provider_kind FROM json_to_recordset($1) AS x(id uuid, name text, kind text)`,
    [json(FIXTURE_PROVIDERS)],
  );
  await q(
    `INSERT INTO service_types (id, code, names)
     SELECT id, code, json_build_object('fi', code, 'sv', code, 'en', code) FROM json_to_recordset($1) AS x(id uuid, code text)`,
    [json(FIXTURE_SERVICE_TYPES)],
  );
  await q(
    `INSERT INTO care_units (id, provider_id, name, address, district)
     SELECT id, "providerId", 'Unit ' || right(id::text, 1), 'Hoivatie 1', district
       FROM json_to_recordset($1) AS x(id uuid, "providerId" uuid, district text)`,
    [json(FIXTURE.units)],
  );
  const history = [...FIXTURE.capacityChanges].sort((a, b) => a.seq - b.seq);
  for (const c of history) {
    // One at a time, in the fixture's order: the history's own sequence numbers them.
    await q(
      `INSERT INTO capacity_history (unit_id, service_type_id, at, kind, max_capacity, occupied, reserved, vacant_accepting, closed_to_admissions, actor_label)
       VALUES ($1, $2, $3, 'update', $4, $5, 0, 0, false, 'fixture')`,
      [c.unitId, c.serviceTypeId, c.at, c.maxCapacity, c.occupied],
    );
  }
  await q(
    `INSERT INTO vacancies (id, unit_id, service_type_id, available_from, status, reported_at, status_changed_at)
     SELECT id, "unitId", "serviceTypeId", "availableFrom", status::vacancy_status, "reportedAt", "statusChangedAt"
       FROM json_to_recordset($1) AS x(id uuid, "unitId" uuid, "serviceTypeId" uuid, "availableFrom" date,
                                      status text, "reportedAt" timestamptz, "statusChangedAt" timestamptz)`,
    [json(FIXTURE.vacancies)],
  );
  const clientIds = [...new Set(FIXTURE.entries.map((e) => e.clientId))];
  for (const [i, id] of clientIds.entries()) {
    await q(
      `INSERT INTO care_clients (id, personal_identity_code, birth_date, first_name, last_name, language)
       VALUES ($1, $2, '1940-05-17', 'Asiakas', $3, 'fi')`,
      [id, hetu('1940-05-17', 500 + i), `Numero ${i + 1}`],
    );
  }
  await q(
    `INSERT INTO client_waiting_periods (client_id, setting, since, until)
     SELECT "clientId", setting::waiting_setting, since, until
       FROM json_to_recordset($1) AS x("clientId" uuid, setting text, since date, until date)`,
    [json(FIXTURE.waitingPeriods)],
  );
  await q(
    `INSERT INTO queue_entries (id, client_id, service_type_id, decision_date, ready_date, urgency, only_preferred_units,
                                clock_restarted_on, status, ended_on, closed_on, created_at)
     SELECT id, "clientId", "serviceTypeId", "decisionDate", "readyDate", urgency::urgency_class, "onlyPreferredUnits",
            "clockRestartedOn", status::queue_entry_status, "endedOn",
            CASE WHEN status IN ('withdrawn', 'deceased', 'placed_elsewhere') THEN "endedOn" END, "createdAt"
       FROM json_to_recordset($1) AS x(id uuid, "clientId" uuid, "serviceTypeId" uuid, "decisionDate" date, "readyDate" date,
                                      urgency text, "onlyPreferredUnits" boolean, "clockRestartedOn" date, status text,
                                      "endedOn" date, "createdAt" timestamptz)`,
    [json(FIXTURE.entries)],
  );
  await q(
    `INSERT INTO placement_offers (id, group_id, vacancy_id, entry_id, client_id, status, interim, intended_move_in,
                                   offered_at, response_due_at, moved_in_on)
     SELECT id, id, "vacancyId", "entryId", "clientId", status::placement_offer_status, interim,
            coalesce("movedInOn", "offeredAt"::date), "offeredAt", "offeredAt" + interval '1 day', "movedInOn"
       FROM json_to_recordset($1) AS x(id uuid, "vacancyId" uuid, "entryId" uuid, "clientId" uuid, status text,
                                      interim boolean, "offeredAt" timestamptz, "movedInOn" date)`,
    [json(FIXTURE.offers)],
  );
  await q(
    `INSERT INTO waiting_setting_prices (setting, valid_from, daily_price)
     SELECT setting::waiting_setting, "validFrom", "dailyPrice" FROM json_to_recordset($1) AS x(setting text, "validFrom" date, "dailyPrice" numeric)
     ON CONFLICT (setting, valid_from) DO UPDATE SET daily_price = excluded.daily_price`,
    [json(FIXTURE.prices)],
  );
}
