import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log. `seq`, `prev_hash` and `hash` are set by a database trigger
 * (see the custom migration `audit_chain`) that also refuses UPDATE, DELETE and TRUNCATE, so the
 * chain holds whatever code writes to the table.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    // Placeholders: the trigger assigns the real values.
    seq: bigint({ mode: 'number' })
      .primaryKey()
      .$defaultFn(() => 0),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorType: text().notNull(),
    actorId: text(),
    actorLabel: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    subjectClientId: uuid(),
    /** Every care client a list or an export showed, so each one's access log is complete. */
    subjectClientIds: uuid().array(),
    purpose: text(),
    requestId: text(),
    ip: text(),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text()
      .notNull()
      .$defaultFn(() => ''),
    hash: text()
      .notNull()
      .$defaultFn(() => ''),
  },
  (t) => [
    index('audit_log_occurred_idx').on(t.occurredAt),
    index('audit_log_actor_idx').on(t.actorId, t.seq),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_subject_idx').on(t.subjectClientId, t.seq),
    index('audit_log_subjects_idx').using('gin', t.subjectClientIds),
    index('audit_log_action_idx').on(t.action, t.seq),
  ],
);
