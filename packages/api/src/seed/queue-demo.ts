import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { addDays, helsinkiToday } from '@civic/shared/keys';
import type { Executor } from '../db/client.ts';
import { expireLapsedOffers } from '../modules/queue/offers/service.ts';
import { DEMO_PASSWORD } from './demo.ts';

/**
 * JOPA queue demo data: about 800 clients in realistic states, consistent with the registry.
 * Clients, entries and their history are written directly (dates spread over the past months:
 * some near and past the 3-month deadline, some in hospital after their ready date, couples,
 * interim placements, past placements into the registry's filled places, closed entries). Live
 * and lapsed offers go through the API itself, so vacancies, the units' figures, timelines and the
 * providers' e-mails agree, and the demo provider (Hoivakoti Kotikallio Oy) has offers to answer.
 */

const FEMALE = [
  'Aili',
  'Aino',
  'Anna-Liisa',
  'Eeva',
  'Elli',
  'Helmi',
  'Hilkka',
  'Irja',
  'Kaarina',
  'Kerttu',
  'Lahja',
  'Leena',
  'Liisa',
  'Maija',
  'Marjatta',
  'Martta',
  'Pirkko',
  'Raili',
  'Ritva',
  'Sirkka',
  'Terttu',
  'Tuula',
  'Vieno',
  'Sinikka',
  'Annikki',
  'Eila',
  'Inkeri',
  'Orvokki',
  'Salme',
  'Tyyne',
];
const MALE = [
  'Aarne',
  'Antero',
  'Eero',
  'Erkki',
  'Esko',
  'Heikki',
  'Ilmari',
  'Juhani',
  'Kalevi',
  'Kauko',
  'Lauri',
  'Matti',
  'Olavi',
  'Pentti',
  'Reino',
  'Risto',
  'Seppo',
  'Tapio',
  'Toivo',
  'Unto',
  'Veikko',
  'Väinö',
  'Yrjö',
  'Pekka',
  'Kari',
  'Jorma',
  'Raimo',
  'Arvo',
  'Osmo',
  'Paavo',
];
const LAST = [
  'Virtanen',
  'Korhonen',
  'Mäkinen',
  'Nieminen',
  'Mäkelä',
  'Hämäläinen',
  'Laine',
  'Heikkinen',
  'Koskinen',
  'Järvinen',
  'Lehtonen',
  'Lehtinen',
  'Saarinen',
  'Salminen',
  'Heinonen',
  'Niemi',
  'Heikkilä',
  'Kinnunen',
  'Salonen',
  'Turunen',
  'Salo',
  'Laitinen',
  'Tuominen',
  'Rantanen',
  'Karjalainen',
  'Jokinen',
  'Mattila',
  'Savolainen',
  'Lahtinen',
  'Ahonen',
];
const SV_FEMALE = ['Birgitta', 'Margareta', 'Ingrid', 'Gunnel', 'Solveig', 'Karin', 'Britt', 'Astrid'];
const SV_MALE = ['Bengt', 'Lars', 'Gunnar', 'Rolf', 'Sven', 'Göran', 'Stig', 'Henrik'];
const SV_LAST = [
  'Lindqvist',
  'Holmström',
  'Nyberg',
  'Sjöberg',
  'Eklund',
  'Lindholm',
  'Wikström',
  'Blomqvist',
  'Forsman',
  'Grönroos',
];
const OTHER: { language: string; female: string[]; male: string[]; last: string[] }[] = [
  {
    language: 'ru',
    female: ['Galina', 'Ljudmila', 'Valentina'],
    male: ['Viktor', 'Nikolai'],
    last: ['Ivanova', 'Smirnova', 'Petrov'],
  },
  { language: 'et', female: ['Maie', 'Tiiu'], male: ['Jaan', 'Toomas'], last: ['Tamm', 'Saar', 'Kask'] },
  { language: 'so', female: ['Faadumo', 'Hawa'], male: ['Cabdi', 'Maxamed'], last: ['Warsame', 'Cali'] },
];
const WARDS = [
  'Laakson sairaala, osasto 7',
  'Malmin sairaala, osasto 3',
  'Suursuon sairaala, osasto 2',
  'Herttoniemen sairaala, osasto 4',
  'Laakson sairaala, osasto 12',
];
const RELATIONS = ['tytär', 'poika', 'puoliso', 'veljentytär', 'edunvalvoja'];
const CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** A small deterministic generator, so every fresh demo database looks the same. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** A valid identity code; odd individual numbers are men's, even women's, as in the real system. */
function identityCode(birth: string, individual: number, modernSign: boolean) {
  const [y, m, d] = birth.split('-') as [string, string, string];
  const yy = y.slice(2);
  const num = String(individual).padStart(3, '0');
  // Since 2023 the 1900s may also be written with Y, X, W, V or U.
  const sign = modernSign ? 'Y' : '-';
  return `${d}${m}${yy}${sign}${num}${CHECK[Number(`${d}${m}${yy}${num}`) % 31]}`;
}

interface ClientPlan {
  id?: string;
  code: string;
  birth: string;
  first: string;
  last: string;
  language: string;
  needs: string[];
  setting: 'home' | 'hospital' | 'short_term_care' | 'other';
  place: string | null;
  unitId: string | null;
  since: string;
  contact: { name: string; relation: string; phone: string } | null;
  rai: { cps: number; adlh: number; maple: number; assessedOn: string } | null;
}

export async function seedQueueDemo(
  app: FastifyInstance,
  opts: { clients?: number; liveOffers?: boolean } = {},
): Promise<void> {
  const count = opts.clients ?? 800;
  const db = app.db;
  const today = helsinkiToday();
  const r = random(980_2012);
  const [tags, types, units, shortTerm, filled] = await Promise.all([
    db.execute<{ id: string; code: string }>(sql`SELECT id, code FROM care_tags`),
    db.execute<{ id: string; code: string }>(sql`SELECT id, code FROM service_types`),
    db.execute<{ id: string; district: string; service_type_id: string }>(sql`
      SELECT u.id, u.district, c.service_type_id FROM care_units u JOIN care_capacity c ON c.unit_id = u.id WHERE u.active ORDER BY u.name`),
    db.execute<{ id: string; name: string }>(sql`
      SELECT u.id, u.name FROM care_units u JOIN care_capacity c ON c.unit_id = u.id
        JOIN service_types st ON st.id = c.service_type_id WHERE st.code = 'short_term_care' ORDER BY u.name`),
    db.execute<{ id: string; unit_id: string; service_type_id: string; filled_on: string }>(sql`
      SELECT id, unit_id, service_type_id, status_changed_at::date::text AS filled_on FROM vacancies WHERE status = 'filled' ORDER BY id`),
  ]);
  const tag = (code: string) => tags.rows.find((t) => t.code === code)?.id;
  const type = (code: string) => types.rows.find((t) => t.code === code)!.id;
  const districts = [...new Set(units.rows.map((u) => u.district))].sort();
  const unitsOf = (serviceTypeId: string) => units.rows.filter((u) => u.service_type_id === serviceTypeId);

  // --------------------------------------------------------------------------------- the clients
  const plans: ClientPlan[] = [];
  const usedCodes = new Set<string>();
  const person = (i: number, sex: 'f' | 'm', language: string) => {
    const other = OTHER.find((o) => o.language === language);
    const first = other
      ? r.pick(sex === 'f' ? other.female : other.male)
      : language === 'sv'
        ? r.pick(sex === 'f' ? SV_FEMALE : SV_MALE)
        : r.pick(sex === 'f' ? FEMALE : MALE);
    const last = other ? r.pick(other.last) : language === 'sv' ? r.pick(SV_LAST) : r.pick(LAST);
    const year = r.int(1926, 1957);
    const birth = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    let code = '';
    for (let n = 0; !code || usedCodes.has(code); n++) {
      const individual = 2 + ((i * 2 + n * 2 + (sex === 'm' ? 1 : 0)) % 896);
      code = identityCode(
        birth,
        individual % 2 === (sex === 'm' ? 1 : 0) ? individual : individual + 1,
        i % 40 === 7,
      );
    }
    usedCodes.add(code);
    return { code, birth, first, last };
  };
  for (let i = 0; i < count; i++) {
    const language = i % 13 === 4 ? 'sv' : i % 37 === 9 ? r.pick(OTHER).language : 'fi';
    const sex = r.chance(0.64) ? 'f' : 'm';
    const p = person(i, sex, language);
    const roll = r.next();
    const setting =
      roll < 0.42 ? 'hospital' : roll < 0.8 ? 'home' : roll < 0.93 ? 'short_term_care' : 'other';
    const stu = setting === 'short_term_care' && shortTerm.rows.length ? r.pick(shortTerm.rows) : null;
    const needs = [
      ...(r.chance(0.36) ? ['dementia_secure'] : []),
      ...(r.chance(0.04) ? ['pets_allowed'] : []),
      ...(r.chance(0.03) ? ['bariatric'] : []),
    ].filter((c) => tag(c));
    plans.push({
      ...p,
      language,
      needs,
      setting,
      place:
        setting === 'hospital'
          ? r.pick(WARDS)
          : stu
            ? stu.name
            : setting === 'other'
              ? 'Omaisen luona'
              : null,
      unitId: stu?.id ?? null,
      since: addDays(today, -r.int(3, 120)),
      contact: r.chance(0.9)
        ? {
            name: `${r.pick([...FEMALE, ...MALE])} ${p.last}`,
            relation: r.pick(RELATIONS),
            phone: `040 ${r.int(100, 999)} ${r.int(1000, 9999)}`,
          }
        : null,
      rai: r.chance(0.85)
        ? {
            cps: r.int(1, 6),
            adlh: r.int(2, 6),
            maple: r.int(3, 5),
            assessedOn: addDays(today, -r.int(10, 160)),
          }
        : null,
    });
  }

  await db.transaction(async (tx) => {
    await insertClients(tx, plans, tag);
    // Ten couples who wish to live together: neighbours in the list, both queued.
    for (let i = 0; i < 10; i++) {
      const a = plans[100 + i * 2]!;
      const b = plans[101 + i * 2]!;
      b.last = a.last;
      await tx.execute(
        sql`UPDATE care_clients SET last_name = ${a.last}, spouse_client_id = ${b.id!}, place_together = true WHERE id = ${a.id!}`,
      );
      await tx.execute(
        sql`UPDATE care_clients SET spouse_client_id = ${a.id!}, place_together = true WHERE id = ${b.id!}`,
      );
    }

    // ---------------------------------------------------------------------------- queue entries
    const h24 = type('service_housing_24h');
    let n = 0;
    for (const [i, c] of plans.entries()) {
      const couple = i >= 100 && i < 120;
      const serviceTypeId =
        couple || i % 12 !== 5
          ? i % 17 === 3 && !couple
            ? type('communal_housing')
            : h24
          : type('long_term_institutional');
      const candidates = unitsOf(serviceTypeId);
      const waited = couple ? r.int(20, 70) : r.int(0, 140);
      const decision = addDays(today, -waited);
      const urgency = i % 25 === 0 ? 'urgent' : i % 7 === 0 ? 'high' : 'normal';
      const ready =
        c.setting === 'hospital'
          ? addDays(decision, r.int(-5, 10))
          : c.setting === 'short_term_care'
            ? decision
            : r.chance(0.5)
              ? decision
              : null;
      const preferredUnits =
        r.chance(0.2) && candidates.length
          ? [...new Set([r.pick(candidates).id, r.pick(candidates).id])]
          : [];
      const onlyPreferred = preferredUnits.length > 0 && i % 29 === 0;
      const preferredDistricts = r.chance(0.35)
        ? [...new Set([r.pick(districts), r.pick(districts)])].slice(0, r.int(1, 2))
        : [];
      const refusals = i % 61 === 13 ? 2 : i % 23 === 11 ? 1 : 0;
      await tx.execute(sql`
        INSERT INTO queue_entries (client_id, service_type_id, decision_date, ready_date, urgency, preferred_unit_ids, preferred_districts,
                                   only_preferred_units, refusal_count, needs_reassessment, created_at)
        VALUES (${c.id!}, ${serviceTypeId}, ${decision}, ${ready}, ${urgency}::urgency_class,
                ${`{${preferredUnits.join(',')}}`}::uuid[], ${`{${preferredDistricts.map((d) => `"${d}"`).join(',')}}`}::text[],
                ${onlyPreferred}, ${refusals}, ${refusals >= 2}, ${decision}::date + time '09:00' + make_interval(mins => ${n++ % 480}))`);
    }
    await tx.execute(sql`
      INSERT INTO queue_entry_events (entry_id, at, kind, actor_label, detail)
      SELECT id, created_at, 'created', 'demo data', json_build_object('urgency', urgency, 'decisionDate', decision_date)
        FROM queue_entries`);
    await tx.execute(sql`
      INSERT INTO queue_entry_events (entry_id, at, kind, actor_label, reason, detail)
      SELECT id, created_at + interval '20 days', 'refusal', 'demo data', 'Toivoo paikkaa lähempää omaisia', json_build_object('refusalCount', 1)
        FROM queue_entries WHERE refusal_count >= 1`);

    // Fifteen clients live in an interim place meanwhile, still waiting for the one they want.
    const interim = await tx.execute<{ id: string; client_id: string; unit_id: string; moved: string }>(sql`
      SELECT e.id, e.client_id, (e.decision_date + 20)::text AS moved,
             (SELECT u.id FROM care_units u JOIN care_capacity c ON c.unit_id = u.id
               WHERE c.service_type_id = e.service_type_id AND u.active ORDER BY md5(e.id::text || u.id::text) LIMIT 1) AS unit_id
        FROM queue_entries e JOIN care_clients cl ON cl.id = e.client_id
       WHERE cl.spouse_client_id IS NULL AND e.urgency = 'normal' AND e.decision_date < current_date - 40
       ORDER BY e.id LIMIT 15`);
    for (const row of interim.rows) {
      await tx.execute(
        sql`UPDATE queue_entries SET status = 'interim', interim_unit_id = ${row.unit_id} WHERE id = ${row.id}`,
      );
      const current = await tx.execute<{ since: string }>(sql`
        UPDATE client_waiting_periods SET until = greatest(since, ${row.moved}::date)
         WHERE client_id = ${row.client_id} AND until IS NULL RETURNING until::text AS since`);
      await tx.execute(sql`INSERT INTO client_waiting_periods (client_id, setting, unit_id, since)
        VALUES (${row.client_id}, 'interim_placement', ${row.unit_id}, ${current.rows[0]?.since ?? row.moved})`);
      await tx.execute(sql`INSERT INTO queue_entry_events (entry_id, at, kind, actor_label, detail)
        VALUES (${row.id}, ${row.moved}::date + time '12:00', 'moved_in_interim', 'demo data', ${JSON.stringify({ unitId: row.unit_id })}::jsonb)`);
    }

    // Closed entries: some withdrawn, some deceased, some placed elsewhere.
    for (const [i, reason] of [
      'withdrawn',
      'deceased',
      'placed_elsewhere',
      'withdrawn',
      'deceased',
      'withdrawn',
    ].entries()) {
      await tx.execute(sql`
        UPDATE queue_entries SET status = ${reason}::queue_entry_status, closed_on = current_date - ${3 + i * 4}::int, ended_on = current_date - ${3 + i * 4}::int,
               close_note = ${reason === 'deceased' ? 'Omainen ilmoitti' : reason === 'withdrawn' ? 'Asiakas perui hakemuksen' : 'Sai paikan yksityisestä hoivakodista'}
         WHERE id IN (SELECT id FROM queue_entries WHERE status = 'queued' AND urgency = 'normal'
                        AND client_id NOT IN (SELECT id FROM care_clients WHERE spouse_client_id IS NOT NULL)
                      ORDER BY md5(id::text || ${reason}) LIMIT 4)`);
    }
    await tx.execute(
      sql`UPDATE care_clients c SET deceased_on = e.closed_on FROM queue_entries e WHERE e.client_id = c.id AND e.status = 'deceased'`,
    );
    await tx.execute(sql`
      INSERT INTO queue_entry_events (entry_id, at, kind, actor_label, reason, detail)
      SELECT id, closed_on + time '10:00', 'closed', 'demo data', close_note, json_build_object('reason', status, 'on', closed_on)
        FROM queue_entries WHERE closed_on IS NOT NULL`);

    await seedPastPlacements(tx, filled.rows, plans, tag);
  });
  if (opts.liveOffers ?? true) await seedLiveOffers(app);
}

async function insertClients(tx: Executor, plans: ClientPlan[], tag: (code: string) => string | undefined) {
  for (let i = 0; i < plans.length; i += 200) {
    const chunk = plans.slice(i, i + 200);
    const rows = await tx.execute<{ id: string; personal_identity_code: string }>(sql`
      INSERT INTO care_clients (personal_identity_code, birth_date, first_name, last_name, language, contact_name, contact_relation, contact_phone,
                                need_tag_ids, rai_cps, rai_adlh, rai_maple, rai_assessed_on, created_at)
      VALUES ${sql.join(
        chunk.map(
          (
            c,
          ) => sql`(${c.code}, ${c.birth}, ${c.first}, ${c.last}, ${c.language}, ${c.contact?.name ?? null}, ${c.contact?.relation ?? null},
                 ${c.contact?.phone ?? null}, ${`{${c.needs.map(tag).join(',')}}`}::uuid[], ${c.rai?.cps ?? null}, ${c.rai?.adlh ?? null},
                 ${c.rai?.maple ?? null}, ${c.rai?.assessedOn ?? null}, ${c.since}::date + time '08:30')`,
        ),
        sql`, `,
      )}
      RETURNING id, personal_identity_code`);
    const byCode = new Map(rows.rows.map((row) => [row.personal_identity_code, row.id]));
    for (const c of chunk) c.id = byCode.get(c.code)!;
    await tx.execute(sql`
      INSERT INTO client_waiting_periods (client_id, setting, place, unit_id, since)
      VALUES ${sql.join(
        chunk.map((c) => sql`(${c.id!}, ${c.setting}::waiting_setting, ${c.place}, ${c.unitId}, ${c.since})`),
        sql`, `,
      )}`);
  }
}

/**
 * The registry's filled places were filled by clients of the queue: each becomes a past placement
 * with its moved-in offer and the client's earlier wait (in hospital for many), so history and
 * figures have something to count.
 */
async function seedPastPlacements(
  tx: Executor,
  filled: { id: string; unit_id: string; service_type_id: string; filled_on: string }[],
  plans: ClientPlan[],
  tag: (code: string) => string | undefined,
) {
  const r = random(18_2012);
  const placed: ClientPlan[] = filled.map((v, i) => {
    const sex = r.chance(0.64) ? 'f' : 'm';
    const first = r.pick(sex === 'f' ? FEMALE : MALE);
    const last = r.pick(LAST);
    const birth = `${r.int(1926, 1950)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const code = identityCode(birth, 900 - ((i * 2 + (sex === 'm' ? 1 : 0)) % 800), false);
    return {
      code,
      birth,
      first,
      last,
      language: 'fi',
      needs: [],
      setting: r.chance(0.5) ? 'hospital' : 'home',
      place: null,
      unitId: null,
      since: addDays(v.filled_on, -r.int(30, 150)),
      contact: null,
      rai: null,
    };
  });
  const known = new Set(plans.map((p) => p.code));
  const fresh = placed.filter((p) => !known.has(p.code));
  await insertClients(tx, fresh, tag);
  for (const [i, v] of filled.entries()) {
    const c = placed[i]!;
    if (!c.id) continue;
    const decision = addDays(v.filled_on, -r.int(15, 130));
    await tx.execute(sql`UPDATE client_waiting_periods SET until = ${v.filled_on}, place = ${c.setting === 'hospital' ? r.pick(WARDS) : null}
      WHERE client_id = ${c.id} AND until IS NULL`);
    const entry = await tx.execute<{ id: string }>(sql`
      INSERT INTO queue_entries (client_id, service_type_id, decision_date, ready_date, urgency, status, ended_on, created_at)
      VALUES (${c.id}, ${v.service_type_id}, ${decision}, ${c.setting === 'hospital' ? addDays(decision, 3) : null}, 'normal', 'placed', ${v.filled_on},
              ${decision}::date + time '09:30') RETURNING id`);
    const offeredOn = addDays(v.filled_on, -4);
    const offer = await tx.execute<{ id: string }>(sql`
      INSERT INTO placement_offers (group_id, vacancy_id, entry_id, client_id, status, intended_move_in, rank_at_offer, offered_at, response_due_at,
                                    answered_at, move_in_due_on, moved_in_on, ended_at, updated_at)
      VALUES (gen_random_uuid(), ${v.id}, ${entry.rows[0]!.id}, ${c.id}, 'moved_in', ${v.filled_on}, 1, ${offeredOn}::date + time '10:00',
              ${offeredOn}::date + time '10:00' + interval '24 hours', ${offeredOn}::date + time '15:00', ${addDays(offeredOn, 5)},
              ${v.filled_on}, ${v.filled_on}::date + time '12:00', ${v.filled_on}::date + time '12:00') RETURNING id`);
    const o = offer.rows[0]!.id;
    await tx.execute(sql`
      INSERT INTO placement_offer_events (offer_id, at, kind, actor_side, actor_label) VALUES
        (${o}, ${offeredOn}::date + time '10:00', 'offered', 'city', 'demo data'),
        (${o}, ${offeredOn}::date + time '13:00', 'provider_confirmed', 'provider', 'demo data'),
        (${o}, ${offeredOn}::date + time '15:00', 'client_accepted', 'city', 'demo data'),
        (${o}, ${v.filled_on}::date + time '12:00', 'moved_in', 'provider', 'demo data')`);
    await tx.execute(sql`
      INSERT INTO queue_entry_events (entry_id, at, kind, actor_label, detail) VALUES
        (${entry.rows[0]!.id}, ${decision}::date + time '09:30', 'created', 'demo data', '{}'),
        (${entry.rows[0]!.id}, ${v.filled_on}::date + time '12:00', 'placed', 'demo data', ${JSON.stringify({ offerId: o, unitId: v.unit_id })}::jsonb)`);
  }
}

/**
 * Live offers through the API, as the coordinator and the providers make them: waiting for the
 * provider, confirmed and waiting for the client, accepted and waiting for the move-in, one
 * couple's two places; and a few that lapsed and were released by the expiry job.
 */
async function seedLiveOffers(app: FastifyInstance) {
  const login = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    return `Bearer ${res.json<{ accessToken: string }>().accessToken}`;
  };
  const call = async <T>(
    auth: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ): Promise<T> => {
    const res = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: auth },
      ...(payload ? { payload: payload as object } : {}),
    });
    if (res.statusCode >= 300)
      throw new Error(`queue demo: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return (res.body ? res.json<T>() : undefined) as T;
  };
  const coordinator = await login('carecoord');
  const provider = await login('provideruser');
  const today = helsinkiToday();

  // The demo provider gets places to offer: one more vacancy for each of its units' services, as it
  // would report.
  const dashboard = await call<{
    units: {
      id: string;
      capacity: {
        serviceType: { id: string; code: string };
        maxCapacity: number;
        occupied: number;
        reserved: number;
        vacantAccepting: number;
        closedToAdmissions: boolean;
        version: number;
      }[];
    }[];
  }>(provider, 'GET', '/portal/dashboard');
  for (const unit of dashboard.units)
    for (const c of unit.capacity) {
      // The other services keep their figures unconfirmed: the portal's stale-figure reminder shows.
      if (c.serviceType.code !== 'service_housing_24h') continue;
      if (c.maxCapacity - c.occupied - c.reserved - c.vacantAccepting < 1) {
        await call(provider, 'PUT', `/portal/units/${unit.id}/capacity/${c.serviceType.id}`, {
          maxCapacity: c.maxCapacity,
          occupied: c.occupied - 1,
          reserved: c.reserved,
          vacantAccepting: c.vacantAccepting,
          closedToAdmissions: c.closedToAdmissions,
          version: c.version,
        });
      }
      await call(provider, 'POST', `/portal/units/${unit.id}/vacancies`, {
        serviceTypeId: c.serviceType.id,
        availableFrom: addDays(today, 2),
        notes: 'Yhden hengen huone, oma kylpyhuone',
      });
    }

  type Board = { items: { id: string; unit: { id: string; name: string }; provider: { name: string } }[] };
  type Candidates = { candidates: { entry: { id: string }; spouse: { vacancyId: string } | null }[] };
  const board = await call<Board>(coordinator, 'GET', '/care/vacancies?pageSize=200');
  const offerTop = async (vacancyId: string) => {
    const list = await call<Candidates>(
      coordinator,
      'GET',
      `/care/vacancies/${vacancyId}/candidates?limit=5`,
    );
    const index = list.candidates.findIndex((c) => !c.spouse);
    if (index < 0) return null;
    return call<{ id: string }>(coordinator, 'POST', '/care/offers', {
      vacancyId,
      entryId: list.candidates[index]!.entry.id,
      intendedMoveIn: addDays(today, 3),
      ...(index > 0 ? { pickReason: 'Pariskunnalle ei vapautunut kahta paikkaa samasta yksiköstä' } : {}),
    });
  };
  const own = board.items.filter((v) => v.provider.name === 'Hoivakoti Kotikallio Oy');
  const others = board.items.filter((v) => v.provider.name !== 'Hoivakoti Kotikallio Oy');

  // The demo provider: two waiting for its answer, one confirmed, one accepted and due to move in.
  const offerTopOf = async (vacancies: Board['items'], n: number) => {
    const made: { id: string }[] = [];
    for (const v of vacancies) {
      if (made.length === n) break;
      const offer = await offerTop(v.id);
      if (offer) made.push(offer);
    }
    return made;
  };
  const ownOffers = await offerTopOf(own, 4);
  if (ownOffers[2])
    await call(provider, 'POST', `/portal/offers/${ownOffers[2].id}/confirm`, {
      note: 'Huone siivotaan torstaina',
    });
  if (ownOffers[3]) {
    await call(provider, 'POST', `/portal/offers/${ownOffers[3].id}/confirm`, {});
    await call(coordinator, 'POST', `/care/offers/${ownOffers[3].id}/answer`, { answer: 'accept' });
  }
  // Others' places: a few offers waiting, one couple's two places where a unit has two.
  await offerTopOf(others.slice(0, 8), 4);
  let coupleOffer: { vacancyId: string; spouseVacancyId: string } | null = null;
  for (const v of others.slice(8)) {
    const list = await call<Candidates>(coordinator, 'GET', `/care/vacancies/${v.id}/candidates?limit=100`);
    const couple = list.candidates.find((c) => c.spouse);
    if (couple?.spouse) {
      coupleOffer = { vacancyId: v.id, spouseVacancyId: couple.spouse.vacancyId };
      await call(coordinator, 'POST', '/care/offers', {
        ...coupleOffer,
        entryId: couple.entry.id,
        intendedMoveIn: addDays(today, 5),
        pickReason: 'Pariskunta, jolle vapautui kaksi paikkaa samasta yksiköstä',
      });
      break;
    }
  }
  // Lapsed offers: made two days ago and never answered; the job releases them as it would.
  const lapsed = [];
  const couplePlaces = new Set(coupleOffer ? [coupleOffer.vacancyId, coupleOffer.spouseVacancyId] : []);
  for (const v of others.slice(-3)) if (!couplePlaces.has(v.id)) lapsed.push(await offerTop(v.id));
  const lapsedIds = lapsed.filter((o): o is { id: string } => !!o).map((o) => o.id);
  if (lapsedIds.length) {
    await app.db.execute(
      sql`UPDATE placement_offers SET offered_at = now() - interval '50 hours', response_due_at = now() - interval '26 hours' WHERE id IN ${lapsedIds}`,
    );
    await app.db.execute(
      sql`UPDATE placement_offer_events SET at = now() - interval '50 hours' WHERE offer_id IN ${lapsedIds}`,
    );
    await expireLapsedOffers(app);
  }
}
