import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * A realistic care-place registry for the demo: about 40 providers (the city's own production and
 * purchased-service companies), 150 units in Helsinki districts with about 5 000 places, a month of
 * capacity history per unit, price history for purchased units, and a few dozen open vacancies of
 * various ages. Figures always add up: vacant-and-accepting equals the open vacancies.
 */

/**
 * Helsinki districts with real streets in each, so a unit's name, address and district agree.
 * Postcodes are the district's main one.
 */
const DISTRICTS: Record<string, { postcode: string; streets: string[] }> = {
  Kallio: {
    postcode: '00530',
    streets: ['Helsinginkatu', 'Fleminginkatu', 'Agricolankatu', 'Kinaporinkatu'],
  },
  Vallila: { postcode: '00550', streets: ['Mäkelänkatu', 'Sturenkatu', 'Elimäenkatu', 'Vallilantie'] },
  Kamppi: { postcode: '00100', streets: ['Eerikinkatu', 'Lapinlahdenkatu', 'Malminkatu', 'Fredrikinkatu'] },
  Töölö: {
    postcode: '00250',
    streets: ['Sibeliuksenkatu', 'Topeliuksenkatu', 'Runeberginkatu', 'Mechelininkatu'],
  },
  Lauttasaari: { postcode: '00200', streets: ['Lauttasaarentie', 'Otavantie', 'Isokaari', 'Heikkiläntie'] },
  Munkkiniemi: {
    postcode: '00330',
    streets: ['Munkkiniemen puistotie', 'Laajalahdentie', 'Riihitie', 'Huopalahdentie'],
  },
  Pitäjänmäki: { postcode: '00370', streets: ['Pitäjänmäentie', 'Takkatie', 'Valimotie'] },
  Haaga: { postcode: '00320', streets: ['Kauppalantie', 'Eliel Saarisen tie', 'Isonnevantie', 'Vihdintie'] },
  Kannelmäki: {
    postcode: '00420',
    streets: ['Klaneettitie', 'Soittajantie', 'Sitratie', 'Kantelettarentie'],
  },
  Konala: { postcode: '00390', streets: ['Konalantie', 'Ristipellontie'] },
  Oulunkylä: {
    postcode: '00640',
    streets: ['Siltavoudintie', 'Käskynhaltijantie', 'Kylänvanhimmantie', 'Norrtäljentie'],
  },
  Käpylä: { postcode: '00610', streets: ['Pohjolankatu', 'Kullervonkatu', 'Väinölänkatu', 'Metsolantie'] },
  Koskela: { postcode: '00600', streets: ['Koskelantie'] },
  Pukinmäki: { postcode: '00720', streets: ['Eskolantie', 'Pukinmäenkaari'] },
  Malmi: { postcode: '00700', streets: ['Kirkonkyläntie', 'Malmin kauppatie', 'Talvelantie', 'Pekanraitti'] },
  Tapanila: { postcode: '00730', streets: ['Tapanilankaari', 'Päivöläntie'] },
  Pasila: { postcode: '00520', streets: ['Ratapihantie', 'Radiokatu', 'Opastinsilta'] },
  Herttoniemi: {
    postcode: '00800',
    streets: ['Hiihtäjäntie', 'Linnanrakentajantie', 'Kettutie', 'Abraham Wetterin tie'],
  },
  Kulosaari: { postcode: '00570', streets: ['Kulosaaren puistotie', 'Hopeasalmentie'] },
  Laajasalo: { postcode: '00840', streets: ['Reposalmentie', 'Koirasaarentie', 'Yliskyläntie'] },
  Itäkeskus: { postcode: '00930', streets: ['Itäkatu', 'Turunlinnantie', 'Kauppakartanonkatu'] },
  Myllypuro: { postcode: '00920', streets: ['Alakiventie', 'Kiviparintie', 'Myllymatkantie'] },
  Kontula: { postcode: '00940', streets: ['Ostostie', 'Kontulantie', 'Keinulaudantie'] },
  Vuosaari: { postcode: '00980', streets: ['Kallvikintie', 'Vuotie', 'Kahvikuja', 'Ulappasaarentie'] },
};
const DISTRICT_NAMES = Object.keys(DISTRICTS);
/** Districts where the Swedish-language units are. */
const SWEDISH_DISTRICTS = ['Lauttasaari', 'Kulosaari', 'Munkkiniemi', 'Töölö', 'Kamppi'];

/** The city's own units, named as the city names them. */
const CITY_UNITS: [name: string, district: string, street: string][] = [
  ['Kontulan seniorikeskus', 'Kontula', 'Keinulaudantie'],
  ['Kivelän seniorikeskus', 'Töölö', 'Sibeliuksenkatu'],
  ['Riistavuoren seniorikeskus', 'Haaga', 'Isonnevantie'],
  ['Kinaporin seniorikeskus', 'Kallio', 'Kinaporinkatu'],
  ['Koskelan seniorikeskus', 'Koskela', 'Koskelantie'],
  ['Myllypuron seniorikeskus', 'Myllypuro', 'Alakiventie'],
  ['Kannelmäen palvelutalo', 'Kannelmäki', 'Klaneettitie'],
  ['Malmin palvelutalo', 'Malmi', 'Talvelantie'],
  ['Vuosaaren palvelutalo', 'Vuosaari', 'Kallvikintie'],
  ['Laajasalon palvelutalo', 'Laajasalo', 'Yliskyläntie'],
  ['Lauttasaaren palvelutalo', 'Lauttasaari', 'Isokaari'],
  ['Pukinmäen palvelutalo', 'Pukinmäki', 'Eskolantie'],
  ['Herttoniemen palvelutalo', 'Herttoniemi', 'Kettutie'],
  ['Munkkiniemen palvelutalo', 'Munkkiniemi', 'Riihitie'],
];

/** Purchased-service companies: "<kind of home> <brand> Oy"; their units are "<brand> <district>". */
const PREFIXES = ['Hoivakoti', 'Palvelutalo', 'Palvelukoti', 'Hoitokoti', 'Seniorikoti', 'Hoivakeskus'];
const BRANDS = [
  'Aurinkorinne',
  'Koivukoti',
  'Mäntylä',
  'Rantakallio',
  'Kuusela',
  'Lehmusto',
  'Pihlajisto',
  'Satakieli',
  'Tammisto',
  'Hopearanta',
  'Kotiliesi',
  'Onnela',
  'Päivänkehrä',
  'Sinivuokko',
  'Vaahtera',
  'Kielo',
  'Apila',
  'Kanerva',
  'Lumme',
  'Ruusula',
  'Sateenkaari',
  'Helmi',
  'Kaisla',
  'Tuulenpesä',
  'Metsätähti',
  'Harmaja',
  'Kataja',
  'Lokki',
  'Ankkuri',
  'Majakka',
  'Seilori',
  'Aalto',
  'Ainola',
];
/** Swedish-language providers (their units give care in Swedish and Finnish). */
const SWEDISH_BRANDS = ['Villa Linnea', 'Solgården', 'Havsro', 'Björkbacka'];

export async function seedCareDemo(db: Db): Promise<void> {
  const existing = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM providers ORDER BY name`,
  );
  await db.transaction(async (tx) => {
    // Top up to 40 providers: the first ones stay (demo accounts belong to them). Companies are
    // purchased services; the city's own units belong to the city.
    const brands = [...BRANDS, ...SWEDISH_BRANDS];
    const extra = brands.slice(0, 40 - existing.rows.length).map((brand, i) => ({
      name: `${SWEDISH_BRANDS.includes(brand) ? 'Äldreboendet' : PREFIXES[i % PREFIXES.length]} ${brand} Oy`,
      kind: 'purchased',
      businessId: checkDigitId(2_100_000 + i * 7919),
    }));
    for (const p of extra) {
      await tx.execute(sql`INSERT INTO providers (name, kind, business_id, contact_name, contact_email, contract_start, contract_end, created_at)
        VALUES (${p.name}, ${p.kind}::provider_kind, ${p.businessId}, 'Yhteyshenkilö', ${`info@${p.name.toLowerCase().replace(/[^a-z]/g, '')}.example`},
                ${p.kind === 'purchased' ? '2025-01-01' : null}::date, ${p.kind === 'purchased' ? '2027-12-31' : null}::date, now() - interval '400 days')`);
    }
    await tx.execute(sql`UPDATE providers SET contract_start = '2025-01-01', contract_end = '2027-12-31', contact_name = 'Yhteyshenkilö'
      WHERE kind = 'purchased' AND contract_start IS NULL`);
    const providers = await tx.execute<{ id: string; name: string; kind: string }>(
      sql`SELECT id, name, kind FROM providers ORDER BY name`,
    );
    const types = await tx.execute<{ id: string; code: string }>(
      sql`SELECT id, code FROM service_types ORDER BY code`,
    );
    const tags = await tx.execute<{ id: string; code: string }>(
      sql`SELECT id, code FROM care_tags ORDER BY code`,
    );
    const typeId = (code: string) => types.rows.find((t) => t.code === code)!.id;
    const tagId = (code: string) => tags.rows.find((t) => t.code === code)!.id;

    // 150 units: the demo accounts' organisations get a few each, the city its own units, and the
    // companies the rest, each unit named after its brand and the district it is in.
    type Plan = { providerId: string; name: string; district: string; street: string; purchased: boolean };
    const unitPlan: Plan[] = [];
    const byName = (n: string) => providers.rows.find((p) => p.name === n);
    const kotikallio = byName('Hoivakoti Kotikallio Oy');
    const meriharju = byName('Palvelutalo Meriharju Oy');
    const city = byName('Helsingin kaupunki, seniorikeskukset');
    const street = (district: string, n: number) =>
      DISTRICTS[district]!.streets[n % DISTRICTS[district]!.streets.length]!;
    for (const [p, districts] of [
      [kotikallio, ['Kallio', 'Vallila', 'Käpylä']],
      [meriharju, ['Lauttasaari', 'Munkkiniemi']],
    ] as const) {
      if (!p) continue;
      const brand = p.name.replace(/^\S+ /, '').replace(/ Oy$/, '');
      for (const [n, district] of districts.entries()) {
        unitPlan.push({
          providerId: p.id,
          name: `${brand} ${district}`,
          district,
          street: street(district, n),
          purchased: true,
        });
      }
    }
    if (city) {
      for (const [name, district, cityStreet] of CITY_UNITS) {
        unitPlan.push({ providerId: city.id, name, district, street: cityStreet, purchased: false });
      }
    }
    const companies = providers.rows.filter(
      (p) => p.kind === 'purchased' && p !== kotikallio && p !== meriharju,
    );
    const taken = new Set(unitPlan.map((u) => u.name));
    for (let i = 0; unitPlan.length < 150; i++) {
      const p = companies[i % companies.length]!;
      const brand = p.name.replace(/^\S+ /, '').replace(/ Oy$/, '');
      const swedish = SWEDISH_BRANDS.includes(brand);
      const pool = swedish ? SWEDISH_DISTRICTS : DISTRICT_NAMES;
      // A company's units spread over districts; never two of its units in one district.
      let k = i * 7 + Math.floor(i / companies.length);
      while (taken.has(`${brand} ${pool[k % pool.length]}`)) k++;
      const district = pool[k % pool.length]!;
      taken.add(`${brand} ${district}`);
      unitPlan.push({
        providerId: p.id,
        name: `${brand} ${district}`,
        district,
        street: street(district, i),
        purchased: true,
      });
    }

    for (const [i, plan] of unitPlan.entries()) {
      const { district } = plan;
      const brand = plan.name.replace(` ${district}`, '');
      const swedish = SWEDISH_BRANDS.includes(brand) || plan.name === 'Meriharju Lauttasaari';
      const address = `${plan.street} ${1 + ((i * 3) % 37)}, ${DISTRICTS[district]!.postcode} Helsinki`;
      const [unit] = (
        await tx.execute<{
          id: string;
        }>(sql`INSERT INTO care_units (provider_id, name, address, district, languages, created_at, updated_at)
          VALUES (${plan.providerId}, ${plan.name}, ${address}, ${district}, ${swedish ? '{sv,fi}' : i % 13 === 5 ? '{fi,en}' : '{fi}'}::text[],
                  now() - interval '400 days', now() - interval '31 days')
          RETURNING id`)
      ).rows;
      const unitTags = [
        ...(i % 3 === 0 ? ['dementia_secure'] : []),
        ...(swedish ? ['swedish_language'] : []),
        ...(i % 5 === 1 ? ['couple_rooms'] : []),
        ...(i % 17 === 4 ? ['pets_allowed'] : []),
      ];
      for (const code of unitTags)
        await tx.execute(
          sql`INSERT INTO care_unit_tags (unit_id, tag_id) VALUES (${unit!.id}, ${tagId(code)})`,
        );
      const services =
        i % 4 === 0
          ? ['service_housing_24h', 'short_term_care']
          : i % 9 === 2
            ? ['long_term_institutional']
            : ['service_housing_24h'];
      for (const [s, code] of services.entries()) {
        const max = s === 0 ? 20 + ((i * 13) % 30) : 4 + (i % 5);
        // Open vacancies: about one unit in five has one or two, aged 0–60 days.
        const open = s === 0 && i % 5 === 2 ? 1 + (i % 2) : 0;
        const reserved = i % 7 === 0 ? 1 : 0;
        const outOfUse = i % 8 === 0 ? 2 : 0;
        const occupied = max - open - reserved - outOfUse;
        const stale = i % 10 === 7 || plan.name === 'Kotikallio Käpylä';
        const confirmedDaysAgo = stale ? 9 + (i % 20) : i % 6;
        await tx.execute(sql`INSERT INTO care_capacity (unit_id, service_type_id, max_capacity, occupied, reserved, vacant_accepting, closed_to_admissions, confirmed_at)
          VALUES (${unit!.id}, ${typeId(code)}, ${max}, ${occupied}, ${reserved}, ${open}, false, now() - make_interval(days => ${confirmedDaysAgo}, hours => ${i % 9}))`);
        // A month of history: occupancy wandering a little around today's figure.
        await tx.execute(sql`INSERT INTO capacity_history (unit_id, service_type_id, at, kind, max_capacity, occupied, reserved, vacant_accepting, closed_to_admissions, actor_label)
          SELECT ${unit!.id}, ${typeId(code)}, now() - make_interval(days => d), CASE WHEN d = 30 THEN 'created' ELSE 'update' END,
                 ${max}, greatest(0, ${occupied} - ((d + ${i}) % 3)), ${reserved}, 0, false, 'demo data'
            FROM generate_series(${confirmedDaysAgo + 1}, 30, 3) d`);
        await tx.execute(sql`INSERT INTO capacity_history (unit_id, service_type_id, at, kind, max_capacity, occupied, reserved, vacant_accepting, closed_to_admissions, actor_label)
          VALUES (${unit!.id}, ${typeId(code)}, now() - make_interval(days => ${confirmedDaysAgo}, hours => ${i % 9}), 'update', ${max}, ${occupied}, ${reserved}, ${open}, false, 'demo data')`);
        for (let v = 0; v < open; v++) {
          const age = (i * 7 + v * 13) % 61;
          await tx.execute(sql`INSERT INTO vacancies (unit_id, service_type_id, available_from, notes, status, reported_at)
            VALUES (${unit!.id}, ${typeId(code)}, current_date - ${age}::int, ${v === 0 && i % 2 ? 'Yhden hengen huone, oma kylpyhuone' : null}, 'open', now() - make_interval(days => ${age}))`);
        }
        // Some history: filled and withdrawn vacancies.
        await tx.execute(sql`INSERT INTO vacancies (unit_id, service_type_id, available_from, status, reported_at, status_changed_at, withdrawn_reason)
          VALUES (${unit!.id}, ${typeId(code)}, current_date - 90, ${i % 4 === 0 ? 'withdrawn' : 'filled'}::vacancy_status, now() - interval '90 days', now() - interval '75 days',
                  ${i % 4 === 0 ? 'Asukas palasi sairaalasta' : null})`);
        if (plan.purchased) {
          const price = 140 + ((i * 17) % 50);
          await tx.execute(sql`INSERT INTO care_unit_prices (unit_id, service_type_id, valid_from, daily_price)
            VALUES (${unit!.id}, ${typeId(code)}, '2025-01-01', ${price.toFixed(2)}), (${unit!.id}, ${typeId(code)}, '2026-01-01', ${(price * 1.03).toFixed(2)})`);
        }
      }
    }
  });
}

/** A valid Finnish business ID (Y-tunnus) for a seven-digit number, for demo providers. */
function checkDigitId(n: number): string {
  const digits = String(n).padStart(7, '0').slice(-7);
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  const r = sum % 11;
  if (r === 1) return checkDigitId(n + 1);
  return `${digits}-${r === 0 ? 0 : 11 - r}`;
}
