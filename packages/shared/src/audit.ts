import { Type, type Static } from 'typebox';
import { pageQueryProperties, UuidSchema } from './common.ts';

export const ACTOR_TYPES = ['user', 'client', 'system', 'anonymous'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorType: Type.Enum(ACTOR_TYPES),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorLabel: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  /** The care client the data concerns (Client Data Act 703/2023 §11). */
  subjectClientId: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditListQuerySchema = Type.Object({
  ...pageQueryProperties,
  actorId: Type.Optional(Type.String({ maxLength: 100 })),
  action: Type.Optional(
    Type.String({ maxLength: 100, description: 'Exact action, or a prefix ending in *' }),
  ),
  targetType: Type.Optional(Type.String({ maxLength: 100 })),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  subjectClientId: Type.Optional(UuidSchema),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export type AuditListQuery = Static<typeof AuditListQuerySchema>;

export const AuditVerifyResultSchema = Type.Object({
  ok: Type.Boolean(),
  checkedRows: Type.Integer(),
  /** The first row whose hash or link does not match, when `ok` is false. */
  firstBrokenSeq: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([Type.Literal('hash_mismatch'), Type.Literal('broken_link'), Type.Null()]),
});
export type AuditVerifyResult = Static<typeof AuditVerifyResultSchema>;
