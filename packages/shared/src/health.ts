import { Type, type Static } from 'typebox';

export const HealthSchema = Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Number() });
export const ReadinessSchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({
    database: Type.Boolean(),
    migrations: Type.Boolean(),
  }),
});
export type Readiness = Static<typeof ReadinessSchema>;
