import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import { agreementTemplates, associations, keys, keyEvents, sites } from '../db/schema/index.ts';
import { DEMO_PASSWORD } from './demo.ts';

/**
 * Key module demo data, made through the API itself (as the demo site manager and coordinator), so
 * every agreement has its real timeline, PDF, hash and e-mails; afterwards dates are moved back in
 * time so the report shows a season's worth of history, overdue and due-soon agreements.
 */

const TEXTS = {
  fi: `1. Vuokralainen vastaanottaa luetellut avaimet yhteisön puolesta ja vastaa niistä henkilökohtaisesti, kunnes ne on palautettu kohdevastaavalle.
2. Avaimia saa käyttää vain yhteisölle myönnettyinä vuoroina. Avaimia ei saa luovuttaa eteenpäin eikä kopioida.
3. Vuokralainen huolehtii, että tilat jätetään siistiksi, valot sammutetaan ja ovet lukitaan.
4. Kadonneesta avaimesta on ilmoitettava heti. Kaupunki voi laskuttaa sarjoituksen ja uusien avainten kustannukset.
5. Avaimet palautetaan viimeistään sopimukseen merkittynä päivänä.
6. Henkilötietoja käsitellään avainluovutusten hallintaan; tiedot poistetaan säilytysajan päätyttyä.`,
  sv: `1. Hyresgästen tar emot de angivna nycklarna för föreningens räkning och ansvarar personligen för dem tills de återlämnats till objektansvarig.
2. Nycklarna får användas endast under turer som beviljats föreningen. Nycklarna får inte lämnas vidare eller kopieras.
3. Hyresgästen ser till att lokalerna lämnas städade, att ljuset släcks och dörrarna låses.
4. En förlorad nyckel ska anmälas genast. Staden kan fakturera kostnaderna för omkodning och nya nycklar.
5. Nycklarna återlämnas senast det datum som anges i avtalet.
6. Personuppgifter behandlas för förvaltningen av nyckelutlåningen och raderas när lagringstiden gått ut.`,
  en: `1. The renter receives the listed keys on behalf of the association and is personally responsible for them until they are returned to the site manager.
2. The keys may be used only during the slots granted to the association. The keys may not be passed on or copied.
3. The renter makes sure the premises are left tidy, the lights are switched off and the doors are locked.
4. A lost key must be reported at once. The city may charge the cost of re-keying and new keys.
5. The keys are returned by the date stated in the agreement.
6. Personal data is processed to manage key lending and is erased when the retention period ends.`,
};

const DOORS = [
  'Liikuntasali, pääovi',
  'Liikuntasali, sivuovi',
  'Pukuhuone 1',
  'Pukuhuone 2',
  'Välinevarasto',
  'Ala-aula',
  'Musiikkiluokka',
  'Kotitalousluokka',
  'Juhlasali',
  'Kuntosali',
];

const ASSOCIATIONS: [string, string | null][] = [
  ['Kallion Kisa ry', '0116297-6'],
  ['Vuosaaren Viikingit ry', '0201256-6'],
  ['Malmin Palloseura ry', null],
  ['Helsingin Tanssiseura ry', '1944213-2'],
  ['Herttoniemen Sulkapalloilijat ry', null],
  ['Stadin Shakki ry', null],
  ['Pohjois-Helsingin Bändikoulu ry', null],
  ['Idän Salibandy ry', '2331972-7'],
];

const RENTERS = [
  ['Matti Virtanen', 'matti.virtanen@example.org', '040 111 2233'],
  ['Liisa Korhonen', 'liisa.korhonen@example.org', '050 222 3344'],
  ['Åsa Lindqvist', 'asa.lindqvist@example.org', '044 333 4455'],
  ['Jukka Mäkinen', 'jukka.makinen@example.org', '040 444 5566'],
  ['Sari Nieminen', 'sari.nieminen@example.org', '050 555 6677'],
  ['Mikko Hämäläinen', 'mikko.hamalainen@example.org', '045 666 7788'],
  ['Elina Laine', 'elina.laine@example.org', '040 777 8899'],
  ['Ville Heikkinen', 'ville.heikkinen@example.org', '050 888 9900'],
  ['Karin Holmström', 'karin.holmstrom@example.org', '044 999 0011'],
  ['Pirjo Koskinen', 'pirjo.koskinen@example.org', '040 123 9876'],
] as const;

export const DEMO_SIGNATURE = {
  strokes: [
    [
      [80, 260],
      [140, 120],
      [190, 250],
      [250, 110],
      [310, 240],
      [380, 140],
      [450, 230],
    ],
    [
      [480, 180],
      [560, 120],
      [620, 220],
      [700, 150],
      [820, 190],
    ],
  ] as [number, number][][],
};

const DAY_MS = 86_400_000;

/** Tables whose rows the agreement flow stamps with the database's clock. */
const STAMPED_TABLES = [
  'key_agreements',
  'key_agreement_events',
  'key_agreement_keys',
  'key_agreement_documents',
  'key_events',
  'keys',
  'signing_links',
  'outbound_emails',
  'renters',
];

/**
 * Runs `fn` as if it happened `days` ago, so every date of a demo agreement is the date it would
 * have had: the process clock (`Date`, which the API uses for signing times, printed PDFs, link
 * expiry) runs that far behind during `fn`, and the times the database stamped with its own clock
 * meanwhile are moved back by as much afterwards. Only the demo seed does this, once, before the
 * server listens.
 */
async function asIfDaysAgo<T>(app: FastifyInstance, days: number, fn: () => Promise<T>): Promise<T> {
  if (days === 0) return fn();
  const offset = days * DAY_MS;
  const RealDate = Date;
  const stepStart = new RealDate();
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() - offset);
      else super(...(args as [string]));
    }
    static override now() {
      return RealDate.now() - offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
    // Only what the database stamped during the step: a time set from the (moved) process clock,
    // such as a link's expiry, lies outside this window and stays as it was set.
    const stepEnd = new RealDate();
    const columns = await app.db.execute<{ table_name: string; column_name: string }>(sql`
      SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type = 'timestamp with time zone'
         AND table_name IN (${sql.join(
           STAMPED_TABLES.map((t) => sql`${t}`),
           sql`, `,
         )})`);
    for (const { table_name: table, column_name: column } of columns.rows) {
      const col = sql.identifier(column);
      await app.db.execute(
        sql`UPDATE ${sql.identifier(table)} SET ${col} = ${col} - make_interval(days => ${days}) WHERE ${col} BETWEEN ${stepStart.toISOString()}::timestamptz AND ${stepEnd.toISOString()}::timestamptz`,
      );
    }
  }
}

export async function seedKeyDemo(app: FastifyInstance): Promise<void> {
  const db = app.db;
  // The city had its keys, associations and agreement texts registered before the season began.
  const registered = new Date(Date.now() - 365 * DAY_MS);
  await db
    .insert(agreementTemplates)
    .values({ department: '*', version: 1, texts: TEXTS, createdAt: registered });
  await db.insert(agreementTemplates).values([
    { department: 'Kasvatuksen ja koulutuksen toimiala', version: 1, texts: TEXTS, createdAt: registered },
    {
      department: 'Kasvatuksen ja koulutuksen toimiala',
      version: 2,
      texts: {
        fi: `${TEXTS.fi}\n7. Koulun tiloissa noudatetaan koulun järjestyssääntöjä.`,
        sv: `${TEXTS.sv}\n7. I skolans lokaler följs skolans ordningsregler.`,
        en: `${TEXTS.en}\n7. The school's rules of conduct apply on its premises.`,
      },
      createdAt: new Date(Date.now() - 300 * DAY_MS),
    },
  ]);
  const siteRows = await db.select().from(sites).orderBy(sites.name);
  let n = 0;
  for (const site of siteRows) {
    const values = DOORS.flatMap((door, d) =>
      [0, 1].map((copy) => ({
        siteId: site.id,
        code: `${site.name[0]!.toUpperCase()}${(5700 + n * 40 + d * 2 + copy).toString()}`,
        opens: door,
        keySet: d < 2 ? 'Sali' : null,
        createdAt: registered,
        updatedAt: registered,
      })),
    );
    n++;
    const inserted = await db.insert(keys).values(values).returning({ id: keys.id });
    await db
      .insert(keyEvents)
      .values(
        inserted.map((k) => ({ keyId: k.id, event: 'created', actorLabel: 'demo data', at: registered })),
      );
  }
  const assocRows = await db
    .insert(associations)
    .values(ASSOCIATIONS.map(([name, businessId]) => ({ name, businessId, createdAt: registered })))
    .returning();

  // Start-up is busy (password hashing, migrations): the API may shed a request with 503 now and
  // then. The seed waits a moment and asks again rather than failing the whole start.
  const inject = async (opts: InjectOptions) => {
    for (let attempt = 1; ; attempt++) {
      const res = await app.inject(opts);
      if (res.statusCode !== 503 || attempt === 20) return res;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  };
  const login = async (username: string) => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    if (res.statusCode !== 200)
      throw new Error(`demo seed: login as ${username} → ${res.statusCode} ${res.body}`);
    return { authorization: `Bearer ${res.json<{ accessToken: string }>().accessToken}` };
  };
  const manager = await login('sitemanager');
  const coordinator = await login('keycoord');
  const call = async (
    headers: Record<string, string>,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
  ) => {
    const res = await inject({ method, url: `/api/v1${url}`, headers, payload: payload as never });
    if (res.statusCode >= 300) throw new Error(`demo seed: ${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; keys: { id: string }[] }>();
  };
  const freeKeys = async (siteName: string, count: number) => {
    const site = siteRows.find((s) => s.name === siteName)!;
    const list = await app.db.execute<{ id: string }>(
      sql`SELECT id FROM keys WHERE site_id = ${site.id} AND status = 'available' ORDER BY code LIMIT ${count}`,
    );
    return { siteId: site.id, keyIds: list.rows.map((r) => r.id) };
  };

  type Plan = {
    site: string;
    keys: number;
    ends:
      | 'draft'
      | 'link'
      | 'link-signed'
      | 'active'
      | 'partial'
      | 'returned'
      | 'lost'
      | 'cancelled'
      | 'declined'
      | 'expired';
    daysAgo: number;
    due?: number;
    lang?: 'fi' | 'sv' | 'en';
    by?: 'coordinator';
  };
  const plans: Plan[] = [
    { site: 'Kallion ala-aste', keys: 2, ends: 'active', daysAgo: 80 },
    { site: 'Kallion ala-aste', keys: 1, ends: 'active', daysAgo: 60, due: -5 },
    { site: 'Kallion ala-aste', keys: 2, ends: 'active', daysAgo: 40, due: 3 },
    { site: 'Kallion ala-aste', keys: 3, ends: 'partial', daysAgo: 70 },
    { site: 'Kallion ala-aste', keys: 2, ends: 'returned', daysAgo: 120 },
    { site: 'Kallion ala-aste', keys: 1, ends: 'link', daysAgo: 1, lang: 'sv' },
    { site: 'Kallion ala-aste', keys: 1, ends: 'draft', daysAgo: 0 },
    { site: 'Vuosaaren yläaste', keys: 2, ends: 'link-signed', daysAgo: 50, lang: 'sv' },
    { site: 'Vuosaaren yläaste', keys: 1, ends: 'active', daysAgo: 95, due: -12 },
    { site: 'Vuosaaren yläaste', keys: 2, ends: 'lost', daysAgo: 100 },
    { site: 'Vuosaaren yläaste', keys: 1, ends: 'cancelled', daysAgo: 30 },
    { site: 'Vuosaaren yläaste', keys: 1, ends: 'declined', daysAgo: 20, lang: 'en' },
    { site: 'Vuosaaren yläaste', keys: 1, ends: 'expired', daysAgo: 10 },
    { site: 'Malmin lukio', keys: 2, ends: 'active', daysAgo: 45, by: 'coordinator' },
    { site: 'Malmin lukio', keys: 2, ends: 'returned', daysAgo: 150, by: 'coordinator' },
    { site: 'Herttoniemen liikuntahalli', keys: 3, ends: 'active', daysAgo: 25, due: 6, by: 'coordinator' },
    { site: 'Herttoniemen liikuntahalli', keys: 1, ends: 'returned', daysAgo: 200, by: 'coordinator' },
  ];

  for (const [i, plan] of plans.entries()) {
    const who = plan.by === 'coordinator' ? coordinator : manager;
    const [name, email, phone] = RENTERS[i % RENTERS.length]!;
    const { siteId, keyIds } = await freeKeys(plan.site, plan.keys);
    const lentDaysAgo = plan.daysAgo;
    // Keys come back half way between the lending and today.
    const returnedDaysAgo = Math.floor(plan.daysAgo / 2);
    const id = await asIfDaysAgo(app, lentDaysAgo, async () => {
      const agreement = await call(who, 'POST', '/key-agreements', {
        siteId,
        association: { id: assocRows[i % assocRows.length]!.id },
        renter: { name, email, phone },
        keyIds,
        language: plan.lang ?? 'fi',
      });
      const id = agreement.id;
      const sign = () =>
        call(who, 'POST', `/key-agreements/${id}/sign`, {
          confirmedName: name,
          accepted: true,
          signature: DEMO_SIGNATURE,
        });
      switch (plan.ends) {
        case 'draft':
          break;
        case 'link':
        case 'expired':
          await call(who, 'POST', `/key-agreements/${id}/signing-link`, {});
          break;
        case 'declined':
        case 'link-signed': {
          await call(who, 'POST', `/key-agreements/${id}/signing-link`, {});
          // The renter's token exists only in the e-mail, which (no SMTP in the demo) waits in the outbox.
          const mail = await app.db.execute<{ body: string }>(
            sql`SELECT body FROM outbound_emails WHERE agreement_id = ${id} ORDER BY created_at DESC LIMIT 1`,
          );
          const token = /\/sign\/([A-Za-z0-9_-]+)/.exec(mail.rows[0]!.body)![1]!;
          if (plan.ends === 'declined') {
            await call({}, 'POST', `/signing/${token}/decline`, {
              reason: 'Vuorot siirtyivät toiseen kohteeseen',
            });
          } else {
            await call({}, 'POST', `/signing/${token}/sign`, {
              confirmedName: name,
              accepted: true,
              signature: DEMO_SIGNATURE,
            });
          }
          break;
        }
        case 'cancelled':
          await call(who, 'POST', `/key-agreements/${id}/cancel`, { reason: 'Vuoro peruttiin' });
          break;
        default:
          await sign();
      }
      return id;
    });
    await asIfDaysAgo(app, returnedDaysAgo, async () => {
      if (plan.ends === 'partial')
        await call(who, 'POST', `/key-agreements/${id}/return`, {
          returnedKeyIds: [keyIds[0]],
          lostKeys: [],
        });
      if (plan.ends === 'returned')
        await call(who, 'POST', `/key-agreements/${id}/return`, {
          returnedKeyIds: keyIds,
          lostKeys: [],
          signature: DEMO_SIGNATURE,
          signedName: name,
        });
      if (plan.ends === 'lost') {
        await call(who, 'POST', `/key-agreements/${id}/return`, {
          returnedKeyIds: keyIds.slice(1),
          lostKeys: [{ keyId: keyIds[0], note: 'Kadonnut harjoitusillan jälkeen; ovi sarjoitettava' }],
        });
      }
    });
    if (plan.due !== undefined) {
      await app.db.execute(
        sql`UPDATE key_agreements SET expected_return_date = current_date + ${plan.due}::int WHERE id = ${id}`,
      );
    }
  }
  await app.jobs.runNow('keys.expire-links');
}
