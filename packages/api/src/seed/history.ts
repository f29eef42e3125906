import type pg from 'pg';

/**
 * Years of history for the reports (issue 12): clients placed after waiting, their offers, the
 * vacancies they filled, the units' capacity changes, waiting periods with prices, and key
 * agreements on sites of their own. Written straight in SQL (a few seconds for 3 years), on top of
 * a care registry already in the database (the demo's), without live events.
 *
 * Deterministic: the same options make the same history (pseudo-random by `hashint4`), except for
 * dates, which count back from today.
 */
export interface HistoryOptions {
  years: number;
  placements: number;
  /** Offers in all: one per placement moves in, the rest were declined, lapsed or cancelled. */
  offers: number;
  capacityChanges: number;
  /** Clients still waiting today, and clients whose wait ended otherwise (withdrawn, deceased). */
  waiting: number;
  closed: number;
  keyAgreements: number;
}

export const FULL_HISTORY: HistoryOptions = {
  years: 3,
  placements: 20_000,
  offers: 60_000,
  capacityChanges: 200_000,
  waiting: 1_200,
  closed: 1_500,
  keyAgreements: 30_000,
};

/** A pseudo-random whole number in [0, n) for row `i` and stream `k`. */
const rnd = (i: string, k: number, n: number) => `((hashint4(${i} * 31 + ${k}) & 2147483647) % ${n})`;

export async function generateHistory(client: pg.ClientBase, o: HistoryOptions = FULL_HISTORY) {
  const days = Math.round(o.years * 365);
  const failedPerPlacement = Math.max(0, Math.round((o.offers - o.placements) / o.placements));
  const q = (text: string, params: unknown[] = []) => client.query(text, params);
  await q('BEGIN');
  try {
    await q(`SET LOCAL civic.live_events = 'off'`);
    // Written in one go and summed into capacity_days after, not one row at a time.
    await q(`SET LOCAL civic.capacity_days = 'off'`);
    await q(`CREATE TEMP TABLE h_units ON COMMIT DROP AS
      SELECT c.unit_id, c.service_type_id, c.max_capacity, row_number() OVER (ORDER BY c.unit_id, c.service_type_id) - 1 AS n
        FROM care_capacity c JOIN care_units u ON u.id = c.unit_id WHERE u.active AND c.max_capacity > 0`);
    const units = Number((await q(`SELECT count(*) AS n FROM h_units`)).rows[0].n);
    if (!units) throw new Error('No care units: seed the registry first');

    // Prices of a waiting day changed over the years.
    await q(
      `INSERT INTO waiting_setting_prices (setting, valid_from, daily_price) VALUES
         ('hospital', current_date - $1::int + 365, 545), ('hospital', current_date - $1::int + 730, 570),
         ('short_term_care', current_date - $1::int, 210)
       ON CONFLICT (setting, valid_from) DO NOTHING`,
      [days],
    );

    // Every client's plan: placed (P), waiting now (W) or ended otherwise (C).
    const total = o.placements + o.waiting + o.closed;
    await q(
      `CREATE TEMP TABLE h_plan ON COMMIT DROP AS
       SELECT i, gen_random_uuid() AS client_id, gen_random_uuid() AS entry_id, gen_random_uuid() AS vacancy_id,
              CASE WHEN i <= $1 THEN 'placed' WHEN i <= $1 + $2 THEN 'waiting' ELSE 'closed' END AS kind,
              ${rnd('i', 1, 100)} AS r_wait, ${rnd('i', 2, 100)} AS r_ready, ${rnd('i', 3, 100)} AS r_urgency,
              ${rnd('i', 4, 35)} AS fill_days, ${rnd('i', 5, 72)} + 1 AS offer_hours, ${rnd('i', 6, 10)} AS r_setting,
              ${rnd('i', 7, units)} AS unit_n
         FROM generate_series(1, $3) i`,
      [o.placements, o.waiting, total],
    );
    await q(`CREATE UNIQUE INDEX ON h_plan (i)`);
    // Placements end evenly over the years; waits of 5–160 days, most under three months.
    await q(
      `ALTER TABLE h_plan ADD COLUMN ended date, ADD COLUMN decision date, ADD COLUMN ready date,
                          ADD COLUMN urgency urgency_class, ADD COLUMN only_preferred boolean`,
    );
    await q(
      `UPDATE h_plan SET
         ended = CASE kind
           WHEN 'placed' THEN current_date - $1::int + ((i - 1)::bigint * ($1 - 1) / $2)::int
           WHEN 'closed' THEN current_date - $1::int + 60 + ${rnd('i', 8, days - 61)} END,
         urgency = (CASE WHEN r_urgency < 4 THEN 'urgent' WHEN r_urgency < 18 THEN 'high' ELSE 'normal' END)::urgency_class,
         only_preferred = r_urgency >= 92`,
      [days, o.placements],
    );
    await q(
      `UPDATE h_plan SET decision = CASE
           WHEN kind = 'waiting' THEN current_date - ${rnd('i', 9, 200)}
           WHEN urgency = 'urgent' THEN ended - (r_wait / 10)
           ELSE ended - (5 + (r_wait * r_wait) / 63) END`,
    );
    await q(
      `UPDATE h_plan SET ready = CASE WHEN r_ready < 75 THEN least(decision + r_ready / 5, coalesce(ended, current_date)) END`,
    );

    // Individual numbers 900–999 are for temporary codes, so none is a real person's; the century
    // sign W (the 1900s, in use since 2023) keeps them apart from the demo's clients too.
    await q(
      `INSERT INTO care_clients (id, personal_identity_code, birth_date, first_name, last_name, language, created_at)
       SELECT client_id, code, birth, 'Historia', 'Asiakas ' || i, CASE WHEN r_setting = 9 AND r_ready < 50 THEN 'sv' ELSE 'fi' END,
              decision::timestamp AT TIME ZONE 'Europe/Helsinki'
         FROM (SELECT p.*, date '1925-01-01' + (i % 9000) AS birth, (900 + i / 9000)::text AS num FROM h_plan p) x
         CROSS JOIN LATERAL (SELECT to_char(birth, 'DDMMYY') || 'W' || num ||
           substr('0123456789ABCDEFHJKLMNPRSTUVWXY', ((to_char(birth, 'DDMMYY') || num)::bigint % 31)::int + 1, 1) AS code) c`,
    );
    await q(
      `INSERT INTO queue_entries (id, client_id, service_type_id, decision_date, ready_date, urgency, only_preferred_units,
                                  status, ended_on, closed_on, close_note, created_at)
       SELECT p.entry_id, p.client_id, u.service_type_id, p.decision, p.ready, p.urgency, p.only_preferred,
              (CASE p.kind WHEN 'placed' THEN 'placed' WHEN 'waiting' THEN 'queued'
                           ELSE (CASE WHEN p.r_wait % 3 = 0 THEN 'deceased' ELSE 'withdrawn' END) END)::queue_entry_status,
              p.ended, CASE WHEN p.kind = 'closed' THEN p.ended END, CASE WHEN p.kind = 'closed' THEN 'Historia' END,
              p.decision::timestamp AT TIME ZONE 'Europe/Helsinki' + interval '9 hours'
         FROM h_plan p JOIN h_units u ON u.n = p.unit_n`,
    );
    // Where they waited: four in ten in hospital from a little before the ready date, some in short-term care.
    await q(
      `INSERT INTO client_waiting_periods (client_id, setting, place, since, until)
       SELECT client_id, (CASE WHEN r_setting < 4 THEN 'hospital' WHEN r_setting < 5 THEN 'short_term_care' ELSE 'home' END)::waiting_setting,
              CASE WHEN r_setting < 4 THEN 'Historiasairaala' END, coalesce(ready, decision) - 5, ended
         FROM h_plan`,
    );
    // The places they moved into: reported a day or two before they were free.
    await q(
      `INSERT INTO vacancies (id, unit_id, service_type_id, available_from, status, reported_at, status_changed_at, updated_at)
       SELECT p.vacancy_id, u.unit_id, u.service_type_id, p.ended - p.fill_days, 'filled',
              ((p.ended - p.fill_days - (p.r_ready % 3))::timestamp + interval '8 hours' + make_interval(mins => p.r_wait))
                AT TIME ZONE 'Europe/Helsinki',
              (p.ended::timestamp + interval '10 hours') AT TIME ZONE 'Europe/Helsinki',
              (p.ended::timestamp + interval '10 hours') AT TIME ZONE 'Europe/Helsinki'
         FROM h_plan p JOIN h_units u ON u.n = p.unit_n WHERE p.kind = 'placed'`,
    );
    await q(
      `INSERT INTO vacancies (unit_id, service_type_id, available_from, status, reported_at, status_changed_at, withdrawn_reason)
       SELECT u.unit_id, u.service_type_id, current_date - 10 - ${rnd('i', 11, days - 10)}, 'withdrawn',
              (current_date - 10 - ${rnd('i', 11, days - 10)})::timestamp AT TIME ZONE 'Europe/Helsinki',
              (current_date - 5 - ${rnd('i', 11, days - 10)})::timestamp AT TIME ZONE 'Europe/Helsinki', 'Remontti'
         FROM generate_series(1, $1) i JOIN h_units u ON u.n = ${rnd('i', 12, units)}`,
      [Math.round(o.placements / 20)],
    );
    // The offers: first to others (declined, lapsed, the provider said no, cancelled), then the one that moved in.
    await q(
      `INSERT INTO placement_offers (group_id, vacancy_id, entry_id, client_id, status, interim, intended_move_in,
                                    offered_at, response_due_at, answered_at, moved_in_on, ended_at, updated_at)
       SELECT g, v.id, x.entry_id, x.client_id, x.status::placement_offer_status, false, p.ended, x.at, x.at + interval '24 hours',
              CASE WHEN x.status IN ('moved_in') THEN x.at + interval '5 hours' END,
              CASE WHEN x.status = 'moved_in' THEN p.ended END, x.at + interval '6 hours', x.at + interval '6 hours'
         FROM h_plan p JOIN vacancies v ON v.id = p.vacancy_id
         CROSS JOIN LATERAL (
           SELECT gen_random_uuid() AS g, k, other.entry_id, other.client_id,
                  (ARRAY['client_declined', 'expired', 'provider_declined', 'cancelled'])[1 + (p.i + k) % 4] AS status,
                  greatest(v.reported_at + make_interval(mins => 10 * k),
                           least(v.reported_at + make_interval(hours => k * 3 + (p.offer_hours % 12)),
                                 (p.ended::timestamp AT TIME ZONE 'Europe/Helsinki') - interval '2 days' + make_interval(mins => k))) AS at
             FROM generate_series(1, $1) k
             JOIN h_plan other ON other.i = 1 + (p.i * 7919 + k * 104729) % $2
           UNION ALL
           SELECT gen_random_uuid(), 0, p.entry_id, p.client_id, 'moved_in',
                  greatest(v.reported_at + make_interval(mins => 10 * $1 + 30),
                           least(v.reported_at + make_interval(hours => $1 * 3 + p.offer_hours),
                                 (p.ended::timestamp AT TIME ZONE 'Europe/Helsinki') - interval '1 day'))) x
        WHERE p.kind = 'placed'`,
      [failedPerPlacement, o.placements],
    );

    // The history goes before what the database holds: those rows are written again after it,
    // so the history's order (seq) stays the order of time.
    await q(`CREATE TEMP TABLE h_newer ON COMMIT DROP AS SELECT * FROM capacity_history`);
    await q(`DELETE FROM capacity_history`);
    // Capacity history: three changes per filled place (reported, offered, filled), the rest
    // regular updates and confirmations across every unit, written in time order.
    await q(
      `INSERT INTO capacity_history (unit_id, service_type_id, at, kind, max_capacity, occupied, reserved, vacant_accepting,
                                    closed_to_admissions, actor_label, vacancy_id)
       SELECT unit_id, service_type_id, at, kind, max_capacity, occupied, reserved, vacant, false, 'historia', vacancy_id FROM (
         SELECT v.unit_id, v.service_type_id,
                CASE s WHEN 0 THEN v.reported_at WHEN 1 THEN v.reported_at + interval '1 hour' ELSE v.status_changed_at END AS at,
                'vacancy' AS kind, u.max_capacity,
                greatest(0, u.max_capacity - 1 - (hashint4(s) & 3) - CASE s WHEN 2 THEN 0 ELSE 1 END) AS occupied,
                CASE s WHEN 1 THEN 1 ELSE 0 END AS reserved, CASE s WHEN 0 THEN 1 ELSE 0 END AS vacant, v.id AS vacancy_id
           FROM vacancies v JOIN h_units u ON u.unit_id = v.unit_id AND u.service_type_id = v.service_type_id
           CROSS JOIN generate_series(0, 2) s
          WHERE v.status = 'filled' AND v.reported_at > now() - make_interval(days => $2)
         UNION ALL
         SELECT u.unit_id, u.service_type_id,
                now() - make_interval(days => $2)
                  + (i::float8 / $1) * ((SELECT coalesce(min(at), now()) FROM h_newer) - (now() - make_interval(days => $2))),
                CASE WHEN i % 3 = 0 THEN 'update' ELSE 'confirm' END,
                u.max_capacity, greatest(0, u.max_capacity - ${rnd('i', 13, 4)} - CASE WHEN ${rnd('i', 14, 10)} = 0 THEN 3 ELSE 0 END),
                0, ${rnd('i', 15, 2)}, NULL
           FROM generate_series(1, $1) i JOIN h_units u ON u.n = ${rnd('i', 16, units)}
       ) h WHERE at < (SELECT coalesce(min(at), now()) FROM h_newer) ORDER BY at`,
      [Math.max(0, o.capacityChanges - o.placements * 3), days],
    );

    await q(`INSERT INTO capacity_history (id, unit_id, service_type_id, at, kind, max_capacity, occupied, reserved,
                                          vacant_accepting, closed_to_admissions, actor_user_id, actor_label, vacancy_id)
             SELECT id, unit_id, service_type_id, at, kind, max_capacity, occupied, reserved, vacant_accepting,
                    closed_to_admissions, actor_user_id, actor_label, vacancy_id FROM h_newer ORDER BY seq`);
    await q(`SELECT rebuild_capacity_days()`);
    if (o.keyAgreements > 0) await generateKeyHistory(q, o, days);
    await q('COMMIT');
  } catch (err) {
    await q('ROLLBACK').catch(() => {});
    throw err;
  }
  await q('ANALYZE');
}

/** Key agreements on history sites of their own (20 schools, 100 keys each), made over the years. */
async function generateKeyHistory(
  q: (text: string, params?: unknown[]) => Promise<pg.QueryResult>,
  o: HistoryOptions,
  days: number,
) {
  await q(`INSERT INTO agreement_templates (department, version, texts)
           VALUES ('*', 1, '{"fi":"Ehdot","sv":"Villkor","en":"Terms"}') ON CONFLICT DO NOTHING`);
  await q(`INSERT INTO sites (name, address, district, department)
           SELECT 'Historiakoulu ' || lpad(i::text, 2, '0'), 'Koulutie ' || i, 'Alue ' || (i % 7), 'Kasko' FROM generate_series(1, 20) i`);
  await q(`INSERT INTO keys (site_id, code, opens)
           SELECT s.id, 'H' || lpad((row_number() OVER (ORDER BY s.name, k))::text, 5, '0'), 'Ovi ' || k
             FROM sites s CROSS JOIN generate_series(1, 100) k WHERE s.name LIKE 'Historiakoulu %'`);
  await q(
    `INSERT INTO associations (name) SELECT 'Historiaseura ' || i || ' ry' FROM generate_series(1, 300) i`,
  );
  await q(`INSERT INTO renters (association_id, name)
           SELECT a.id, 'Historiavuokraaja ' || a.name || ' ' || k FROM associations a CROSS JOIN generate_series(1, 5) k
            WHERE a.name LIKE 'Historiaseura %'`);
  // The newest 500 are still out, some past their return date; the rest ended one way or another.
  await q(
    `WITH s AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM sites WHERE name LIKE 'Historiakoulu %'),
          r AS (SELECT r.id, r.association_id, row_number() OVER (ORDER BY r.name) - 1 AS n
                  FROM renters r WHERE r.name LIKE 'Historiavuokraaja %'),
          u AS (SELECT id FROM users ORDER BY created_at LIMIT 1),
          t AS (SELECT id FROM agreement_templates WHERE department = '*' ORDER BY version DESC LIMIT 1)
     INSERT INTO key_agreements (number, site_id, association_id, renter_id, handed_over_by, state, template_id, language, text,
                                 expected_return_date, signing_method, created_at, signed_at, returned_at, ended_at)
     SELECT 'AS-H-' || lpad(i::text, 7, '0'), s.id, r.association_id, r.id, u.id, st.state::key_agreement_state, t.id, 'fi', 'Ehdot',
            (at + interval '120 days')::date, 'in_person', at, CASE WHEN st.state NOT IN ('declined', 'expired', 'cancelled') THEN at + interval '5 minutes' END,
            CASE WHEN st.state = 'returned' THEN at + interval '110 days' END,
            CASE WHEN st.state IN ('active', 'partially_returned') THEN NULL ELSE at + interval '110 days' END
       FROM generate_series(1, $1) i
       CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (($1 - i)::float8 / $1) * $2 * 86400) AS at) g
       CROSS JOIN LATERAL (SELECT CASE WHEN i > $1 - 500 THEN 'active'
                                       WHEN i % 37 = 0 THEN 'cancelled' WHEN i % 101 = 0 THEN 'declined'
                                       WHEN i % 211 = 0 THEN 'expired' ELSE 'returned' END AS state) st
       JOIN s ON s.n = i % 20 JOIN r ON r.n = (i * 7) % 1500 CROSS JOIN u CROSS JOIN t`,
    [o.keyAgreements, days],
  );
  // One or two keys each; active agreements hold distinct keys of their site, one in 80 lost one.
  await q(`
    WITH a AS (SELECT id, site_id, state, row_number() OVER (PARTITION BY site_id ORDER BY created_at DESC) - 1 AS n
                 FROM key_agreements WHERE number LIKE 'AS-H-%'),
         k AS (SELECT id, site_id, row_number() OVER (PARTITION BY site_id ORDER BY code) - 1 AS n FROM keys)
    INSERT INTO key_agreement_keys (agreement_id, key_id, state, holding)
    SELECT a.id, k.id,
           (CASE WHEN a.state = 'active' AND a.n % 80 = 7 THEN 'lost' WHEN a.state = 'active' THEN 'out'
                 WHEN a.state IN ('cancelled', 'declined', 'expired') THEN 'released'
                 WHEN a.n % 80 = 3 THEN 'lost' ELSE 'returned' END)::agreement_key_state,
           a.state = 'active'
      FROM a JOIN k ON k.site_id = a.site_id AND (k.n = a.n % 100 OR (a.state <> 'active' AND a.n % 3 = 0 AND k.n = (a.n + 50) % 100))`);
  await q(
    `UPDATE keys SET status = 'lent' WHERE id IN (SELECT key_id FROM key_agreement_keys WHERE holding AND state = 'out')`,
  );
  await q(
    `UPDATE keys SET status = 'lost' WHERE id IN (SELECT key_id FROM key_agreement_keys WHERE state = 'lost')`,
  );
}
