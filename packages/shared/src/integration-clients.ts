import { Type, type Static } from 'typebox';
import { ScopeSchema } from './roles.ts';
import { RequiredText, UuidSchema } from './common.ts';

export const IntegrationClientSchema = Type.Object({
  id: UuidSchema,
  clientId: Type.String(),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  revoked: Type.Boolean(),
  secretRotatedAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type IntegrationClient = Static<typeof IntegrationClientSchema>;

export const CreateIntegrationClientSchema = Type.Object(
  {
    name: RequiredText(200),
    scopes: Type.Array(ScopeSchema, { minItems: 1, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type CreateIntegrationClient = Static<typeof CreateIntegrationClientSchema>;

export const UpdateIntegrationClientSchema = Type.Object(
  {
    name: Type.Optional(RequiredText(200)),
    scopes: Type.Optional(Type.Array(ScopeSchema, { minItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateIntegrationClient = Static<typeof UpdateIntegrationClientSchema>;

/** The secret is shown once, when created or rotated; only its hash is stored. */
export const IntegrationClientWithSecretSchema = Type.Object({
  ...IntegrationClientSchema.properties,
  clientSecret: Type.String(),
});
export type IntegrationClientWithSecret = Static<typeof IntegrationClientWithSecretSchema>;
