import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CreateIntegrationClient, UpdateIntegrationClient } from '@civic/shared/integration-clients';
import { conflict, notFound } from '../../lib/errors.ts';
import { hashClientSecret } from '../../lib/tokens.ts';
import * as repo from './repo.ts';

const newSecret = () => randomBytes(32).toString('base64url');

export function integrationClientsService(app: FastifyInstance) {
  const { db } = app;
  return {
    async list() {
      return (await repo.listClients(db)).map(repo.toIntegrationClientDto);
    },

    async create(request: FastifyRequest, body: CreateIntegrationClient) {
      const actor = request.requireUser();
      const secret = newSecret();
      const secretHash = hashClientSecret(secret);
      const row = await db.transaction(async (tx) => {
        const row = await repo.insertClient(tx, {
          clientId: `ic_${randomBytes(9).toString('base64url')}`,
          name: body.name,
          scopes: body.scopes,
          secretHash,
          createdBy: actor.id,
        });
        await request.audit(
          {
            action: 'integration_client.created',
            targetType: 'integration_client',
            targetId: row.id,
            metadata: { scopes: body.scopes },
          },
          tx,
        );
        return row;
      });
      return { ...repo.toIntegrationClientDto(row), clientSecret: secret };
    },

    async update(request: FastifyRequest, id: string, patch: UpdateIntegrationClient) {
      return db.transaction(async (tx) => {
        const row = await repo.updateClient(tx, id, patch);
        if (!row) throw notFound('Integration client');
        await request.audit(
          {
            action: 'integration_client.updated',
            targetType: 'integration_client',
            targetId: id,
            metadata: { ...patch },
          },
          tx,
        );
        return repo.toIntegrationClientDto(row);
      });
    },

    async rotateSecret(request: FastifyRequest, id: string) {
      const secret = newSecret();
      const secretHash = hashClientSecret(secret);
      return db.transaction(async (tx) => {
        const current = await repo.getClient(tx, id);
        if (!current) throw notFound('Integration client');
        if (current.revokedAt) throw conflict('A revoked client cannot get a new secret');
        const row = await repo.updateClient(tx, id, { secretHash, secretRotatedAt: new Date() });
        await request.audit(
          { action: 'integration_client.secret_rotated', targetType: 'integration_client', targetId: id },
          tx,
        );
        return { ...repo.toIntegrationClientDto(row!), clientSecret: secret };
      });
    },

    async revoke(request: FastifyRequest, id: string) {
      return db.transaction(async (tx) => {
        const current = await repo.getClient(tx, id);
        if (!current) throw notFound('Integration client');
        const row = current.revokedAt ? current : await repo.updateClient(tx, id, { revokedAt: new Date() });
        if (!current.revokedAt) {
          await request.audit(
            { action: 'integration_client.revoked', targetType: 'integration_client', targetId: id },
            tx,
          );
        }
        return repo.toIntegrationClientDto(row!);
      });
    },
  };
}
