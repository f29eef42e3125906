import { asc, eq } from 'drizzle-orm';
import type { IntegrationClient } from '@civic/shared/integration-clients';
import type { Executor } from '../../db/client.ts';
import { integrationClients } from '../../db/schema/index.ts';

type Row = typeof integrationClients.$inferSelect;

export function toIntegrationClientDto(r: Row): IntegrationClient {
  return {
    id: r.id,
    clientId: r.clientId,
    name: r.name,
    scopes: r.scopes,
    revoked: r.revokedAt !== null,
    secretRotatedAt: r.secretRotatedAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export const listClients = (db: Executor) =>
  db.select().from(integrationClients).orderBy(asc(integrationClients.name));

export async function getClient(db: Executor, id: string) {
  const [row] = await db.select().from(integrationClients).where(eq(integrationClients.id, id));
  return row ?? null;
}

export async function insertClient(db: Executor, values: typeof integrationClients.$inferInsert) {
  const [row] = await db.insert(integrationClients).values(values).returning();
  return row!;
}

export async function updateClient(
  db: Executor,
  id: string,
  patch: Partial<typeof integrationClients.$inferInsert>,
) {
  const [row] = await db
    .update(integrationClients)
    .set(patch)
    .where(eq(integrationClients.id, id))
    .returning();
  return row ?? null;
}
