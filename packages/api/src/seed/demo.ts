import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../db/client.ts';
import { STARTUP_LOCKS, withStartupLock } from '../db/startup-lock.ts';
import { integrationClients, providers, sites, users, userSites } from '../db/schema/index.ts';
import { hashPassword } from '../lib/passwords.ts';
import { hashClientSecret } from '../lib/tokens.ts';
import { SYSTEM_ACTOR, writeAudit } from '../plugins/app/audit.ts';
import type { Role } from '@civic/shared/roles';

/** Every demo account uses this password. Demo data only: never seed a production database. */
export const DEMO_PASSWORD = 'Demo-salasana-2026';
export const DEMO_CLIENT = { clientId: 'demo-bi', secret: 'demo-bi-secret-not-for-production' };

export const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  roles: Role[];
  org?: string;
  sites?: string[];
}[] = [
  { username: 'admin', displayName: 'Aino Ylläpitäjä', roles: ['admin'] },
  { username: 'keycoord', displayName: 'Kalle Koordinaattori', roles: ['key_coordinator'] },
  {
    username: 'sitemanager',
    displayName: 'Sanna Kohdevastaava',
    roles: ['site_manager'],
    sites: ['Kallion ala-aste', 'Vuosaaren yläaste'],
  },
  {
    username: 'sitemanager2',
    displayName: 'Pekka Huoltomies',
    roles: ['site_manager'],
    sites: ['Malmin lukio'],
  },
  { username: 'carecoord', displayName: 'Helena Hoivakoordinaattori', roles: ['care_coordinator'] },
  { username: 'careviewer', displayName: 'Markku Johtaja', roles: ['care_viewer'] },
  {
    username: 'provideradmin',
    displayName: 'Riitta Esimies',
    roles: ['provider_admin'],
    org: 'Hoivakoti Kotikallio Oy',
  },
  {
    username: 'provideruser',
    displayName: 'Tiina Hoitaja',
    roles: ['provider_user'],
    org: 'Hoivakoti Kotikallio Oy',
  },
  {
    username: 'provideruser2',
    displayName: 'Jussi Lähihoitaja',
    roles: ['provider_user'],
    org: 'Palvelutalo Meriharju Oy',
  },
];

const DEMO_PROVIDERS = [
  { name: 'Helsingin kaupunki, seniorikeskukset', businessId: '0201256-6', kind: 'own' as const },
  { name: 'Hoivakoti Kotikallio Oy', businessId: '1234567-1', kind: 'purchased' as const },
  { name: 'Palvelutalo Meriharju Oy', businessId: '7654321-5', kind: 'purchased' as const },
];

const DEMO_SITES = [
  {
    name: 'Kallion ala-aste',
    address: 'Porvoonkatu 2, 00510 Helsinki',
    district: 'Kallio',
    department: 'Kasvatuksen ja koulutuksen toimiala',
  },
  {
    name: 'Vuosaaren yläaste',
    address: 'Kallvikintie 8, 00980 Helsinki',
    district: 'Vuosaari',
    department: 'Kasvatuksen ja koulutuksen toimiala',
  },
  {
    name: 'Malmin lukio',
    address: 'Talvelantie 4, 00700 Helsinki',
    district: 'Malmi',
    department: 'Kasvatuksen ja koulutuksen toimiala',
  },
  {
    name: 'Herttoniemen liikuntahalli',
    address: 'Linnanrakentajantie 3, 00810 Helsinki',
    district: 'Herttoniemi',
    department: 'Kulttuurin ja vapaa-ajan toimiala',
  },
];

export async function hasAnyUser(db: Db): Promise<boolean> {
  const res = await db.execute<{ exists: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM users) AS exists`);
  return res.rows[0]?.exists === true;
}

/**
 * Runs `seed` on a database without users, once however many instances start on it together: the
 * check and the whole seeding happen under one advisory lock, so an instance that starts meanwhile
 * waits, then finds the users and skips. Answers whether this call seeded.
 */
export async function seedIfEmpty(url: string, seed: (db: Db) => Promise<void>): Promise<boolean> {
  return withStartupLock(url, STARTUP_LOCKS.demoSeed, async () => {
    const { db, pool } = createDb(url, 1);
    try {
      if (await hasAnyUser(db)) return false;
      await seed(db);
      return true;
    } finally {
      await pool.end();
    }
  });
}

/** Removes all domain data (the audit log stays: it is append-only by design). */
export async function clearDomainData(db: Db): Promise<void> {
  await db.execute(
    sql`TRUNCATE placement_offer_events, placement_offers, queue_entry_events, queue_entries, client_waiting_periods, care_clients, care_stale_reminders, user_invitations, vacancies, capacity_days, capacity_history, care_capacity, live_events, care_unit_prices, care_unit_tags, care_units, outbound_emails, key_agreement_documents, signing_links, key_agreement_events, key_agreement_keys, key_agreements, agreement_templates, renters, associations, key_events, keys, refresh_tokens, sessions, user_sites, integration_clients, users, sites, providers CASCADE`,
  );
}

export async function seedDemoData(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const clientSecretHash = hashClientSecret(DEMO_CLIENT.secret);
  // The demo organisation has been in use for a while: accounts, sites and providers predate the
  // season of key agreements and the month of care figures the other demo seeds write.
  const since = new Date(Date.now() - 400 * 86_400_000);
  await db.transaction(async (tx) => {
    const providerRows = await tx
      .insert(providers)
      .values(DEMO_PROVIDERS.map((p) => ({ ...p, createdAt: since })))
      .returning();
    const siteRows = await tx
      .insert(sites)
      .values(DEMO_SITES.map((s) => ({ ...s, createdAt: since })))
      .returning();
    const providerId = (name?: string) => (name ? providerRows.find((p) => p.name === name)!.id : null);
    for (const account of DEMO_ACCOUNTS) {
      const [user] = await tx
        .insert(users)
        .values({
          username: account.username,
          passwordHash,
          displayName: account.displayName,
          email: `${account.username}@demo.example`,
          roles: account.roles,
          providerId: providerId(account.org),
          createdAt: since,
        })
        .returning({ id: users.id });
      for (const siteName of account.sites ?? []) {
        await tx
          .insert(userSites)
          .values({ userId: user!.id, siteId: siteRows.find((s) => s.name === siteName)!.id });
      }
    }
    await tx.insert(integrationClients).values({
      clientId: DEMO_CLIENT.clientId,
      name: 'Demo BI reporting',
      scopes: ['care.registry:read', 'reports:read'],
      secretHash: clientSecretHash,
    });
    await writeAudit(tx, SYSTEM_ACTOR, { action: 'system.demo_data_seeded' });
  });
}
