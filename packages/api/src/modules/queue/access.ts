import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.ts';

/**
 * Who works with the queue: the city's care coordinators (and admins). Care viewers see no personal
 * data at all (their figures come from the reports); providers see only the offers made to them.
 */
export const QUEUE_STAFF = ['admin', 'care_coordinator'] as const;

/** Why client data is read or shown: the purpose written into the audit log with every access. */
export const PURPOSE = {
  /** Client guidance and placement: the coordinators' everyday work. */
  placement: 'care_placement',
  /** A provider receiving what it needs of an offered client. */
  offer: 'placement_offer',
  /** Producing a client's access log on their request (703/2023 §11). */
  accessLog: 'client_access_log_request',
  /** Bulk data from another system. */
  import: 'care_queue_import',
  /** Another system reading the queue through the API. */
  integration: 'care_integration',
} as const;

/** The purpose of a read by whoever calls: an integration client reads for its integration. */
export const purposeOf = (request: FastifyRequest) =>
  request.principal?.kind === 'client' ? PURPOSE.integration : PURPOSE.placement;

/**
 * Records that a list, search or export showed these clients: one audit row naming all of them, so
 * each client's access log is complete. Written before the answer leaves.
 */
export async function auditClientsShown(
  request: FastifyRequest,
  action: string,
  clientIds: readonly string[],
  metadata: Record<string, unknown> = {},
  tx?: Executor,
) {
  if (!clientIds.length) return;
  await request.audit(
    {
      action,
      targetType: 'care_client',
      subjectClientIds: [...new Set(clientIds)],
      purpose: purposeOf(request),
      metadata: { count: clientIds.length, ...metadata },
    },
    tx,
  );
}

/** Records a read or change of one client's data. */
export async function auditClient(
  request: FastifyRequest,
  action: string,
  clientId: string,
  extra: {
    targetType?: string;
    targetId?: string;
    purpose?: string;
    metadata?: Record<string, unknown>;
  } = {},
  tx?: Executor,
) {
  await request.audit(
    {
      action,
      targetType: extra.targetType ?? 'care_client',
      targetId: extra.targetId ?? clientId,
      subjectClientId: clientId,
      purpose: extra.purpose ?? purposeOf(request),
      metadata: extra.metadata ?? {},
    },
    tx,
  );
}
