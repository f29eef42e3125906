-- A list or an export of care clients is one audit row naming every client it showed
-- (`subject_client_ids`), so each client's access log (703/2023 §11) is complete without a row per
-- client. The column joins the hash: appended only when set, so every earlier row's hash stays valid.
CREATE OR REPLACE FUNCTION audit_row_hash(r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to((jsonb_build_array(
    r.prev_hash, r.seq, (extract(epoch FROM r.occurred_at) * 1000000)::bigint, r.actor_type, r.actor_id,
    r.actor_label, r.action, r.target_type, r.target_id, r.subject_client_id, r.purpose, r.request_id,
    r.ip, r.metadata
  ) || CASE WHEN r.subject_client_ids IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(r.subject_client_ids) END
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Spouses point at each other; a link to a client that does not exist is refused.
ALTER TABLE "care_clients" ADD CONSTRAINT "care_clients_spouse_fk" FOREIGN KEY ("spouse_client_id") REFERENCES "care_clients"("id");
--> statement-breakpoint
-- A starting price for a day waiting in hospital after being ready to move, so the cost of waiting
-- shows from day one; admins enter the city's own prices per setting and period.
INSERT INTO "waiting_setting_prices" ("setting", "valid_from", "daily_price") VALUES ('hospital', '2020-01-01', 520.00);
