import type { Executor } from '../../db/client.ts';
import { queueEntryEvents } from '../../db/schema/index.ts';

export interface Actor {
  id: string | null;
  username: string;
}

export const SYSTEM: Actor = { id: null, username: 'system' };

/** One step in a queue entry's history: who, when, why. */
export async function addEntryEvent(
  tx: Executor,
  entryId: string,
  kind: string,
  actor: Actor,
  reason?: string | null,
  detail: Record<string, unknown> = {},
) {
  await tx.insert(queueEntryEvents).values({
    entryId,
    kind,
    actorUserId: actor.id,
    actorLabel: actor.username,
    reason: reason ?? null,
    detail,
  });
}
