-- Tamper-evident audit log.
-- One head row serialises writers: its row lock orders concurrent inserts, so `seq` is gapless and
-- equals chain order. A writer in REPEATABLE READ that races another gets a serialisation error
-- rather than a forked chain.
CREATE TABLE "audit_chain_head" (
  "id" integer PRIMARY KEY CHECK ("id" = 1),
  "last_seq" bigint NOT NULL,
  "last_hash" text NOT NULL
);
--> statement-breakpoint
INSERT INTO "audit_chain_head" ("id", "last_seq", "last_hash") VALUES (1, 0, repeat('0', 64));
--> statement-breakpoint
-- The hashed text is a JSON array of every column, so NULL and '' differ and no separator can be
-- forged. Time is taken as microseconds since the epoch: independent of the session's TimeZone.
CREATE FUNCTION audit_row_hash(r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    r.prev_hash, r.seq, (extract(epoch FROM r.occurred_at) * 1000000)::bigint, r.actor_type, r.actor_id,
    r.actor_label, r.action, r.target_type, r.target_id, r.subject_client_id, r.purpose, r.request_id,
    r.ip, r.metadata
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
BEGIN
  UPDATE audit_chain_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING * INTO head;
  NEW.seq := head.last_seq;
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_row_hash(NEW);
  UPDATE audit_chain_head SET last_hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Defence in depth for deployments where the app connects with a role that does not own the table.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
