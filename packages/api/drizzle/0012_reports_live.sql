CREATE TABLE "live_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "live_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"topic" text NOT NULL,
	"ids" uuid[] NOT NULL,
	"provider_id" uuid,
	"site_id" uuid
);
--> statement-breakpoint
ALTER TABLE "capacity_history" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "capacity_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
CREATE INDEX "live_events_at_idx" ON "live_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "capacity_history_seq_idx" ON "capacity_history" USING btree ("unit_id","service_type_id","seq");--> statement-breakpoint
-- Live views (modules/live): every change of a watched row is an event row and a notification on
-- channel civic_live, sent by PostgreSQL at the writer's commit (never for a rolled-back change),
-- so each API instance listening on the database hears every change whichever instance made it.
-- The event says only what changed: a topic, ids, and the provider or site it belongs to, so the
-- API can tell whose streams may hear of it. A bulk load turns events off for its transaction
-- with SET LOCAL civic.live_events = 'off'.
CREATE FUNCTION live_event(p_topic text, p_ids uuid[], p_provider uuid, p_site uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
BEGIN
  IF coalesce(current_setting('civic.live_events', true), '') = 'off' THEN
    RETURN;
  END IF;
  INSERT INTO live_events (topic, ids, provider_id, site_id) VALUES (p_topic, p_ids, p_provider, p_site)
    RETURNING id INTO v_id;
  PERFORM pg_notify('civic_live', json_build_object(
    'id', v_id, 'topic', p_topic, 'ids', p_ids, 'providerId', p_provider, 'siteId', p_site)::text);
END $$;
--> statement-breakpoint
CREATE FUNCTION live_vacancy_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r vacancies;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  PERFORM live_event('care.vacancies', ARRAY[r.id, r.unit_id],
    (SELECT provider_id FROM care_units WHERE id = r.unit_id), NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER vacancies_live AFTER INSERT OR UPDATE OR DELETE ON "vacancies"
  FOR EACH ROW EXECUTE FUNCTION live_vacancy_changed();
--> statement-breakpoint
CREATE FUNCTION live_capacity_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r care_capacity;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  PERFORM live_event('care.capacity', ARRAY[r.unit_id, r.service_type_id],
    (SELECT provider_id FROM care_units WHERE id = r.unit_id), NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER care_capacity_live AFTER INSERT OR UPDATE OR DELETE ON "care_capacity"
  FOR EACH ROW EXECUTE FUNCTION live_capacity_changed();
--> statement-breakpoint
CREATE FUNCTION live_offer_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r placement_offers;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  PERFORM live_event('care.offers', ARRAY[r.id, r.vacancy_id, r.entry_id],
    (SELECT u.provider_id FROM vacancies v JOIN care_units u ON u.id = v.unit_id WHERE v.id = r.vacancy_id), NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER placement_offers_live AFTER INSERT OR UPDATE OR DELETE ON "placement_offers"
  FOR EACH ROW EXECUTE FUNCTION live_offer_changed();
--> statement-breakpoint
-- The queue is the city's own: its events carry no provider and reach coordinators only.
CREATE FUNCTION live_queue_entry_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r queue_entries;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  PERFORM live_event('care.queue', ARRAY[r.id], NULL, NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_entries_live AFTER INSERT OR UPDATE OR DELETE ON "queue_entries"
  FOR EACH ROW EXECUTE FUNCTION live_queue_entry_changed();
--> statement-breakpoint
CREATE FUNCTION live_key_agreement_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r key_agreements;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  PERFORM live_event('keys.agreements', ARRAY[r.id], NULL, r.site_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER key_agreements_live AFTER INSERT OR UPDATE OR DELETE ON "key_agreements"
  FOR EACH ROW EXECUTE FUNCTION live_key_agreement_changed();
--> statement-breakpoint
-- A key returned or lost changes the agreement's row in the report even when its state stays.
CREATE FUNCTION live_agreement_key_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r key_agreement_keys;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  PERFORM live_event('keys.agreements', ARRAY[r.agreement_id, r.key_id],
    NULL, (SELECT site_id FROM key_agreements WHERE id = r.agreement_id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER key_agreement_keys_live AFTER INSERT OR UPDATE OR DELETE ON "key_agreement_keys"
  FOR EACH ROW EXECUTE FUNCTION live_agreement_key_changed();
