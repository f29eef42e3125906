CREATE TABLE "capacity_days" (
	"unit_id" uuid NOT NULL,
	"service_type_id" uuid NOT NULL,
	"day" date NOT NULL,
	"until" date,
	"max_capacity" integer NOT NULL,
	"occupied" integer NOT NULL,
	CONSTRAINT "capacity_days_unit_id_service_type_id_day_pk" PRIMARY KEY("unit_id","service_type_id","day")
);
--> statement-breakpoint
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
ALTER TABLE "capacity_days" ADD CONSTRAINT "capacity_days_unit_id_care_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."care_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_days" ADD CONSTRAINT "capacity_days_service_type_id_service_types_id_fk" FOREIGN KEY ("service_type_id") REFERENCES "public"."service_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "capacity_days_current_idx" ON "capacity_days" USING btree ("unit_id","service_type_id") WHERE until IS NULL;--> statement-breakpoint
CREATE INDEX "capacity_days_day_idx" ON "capacity_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "live_events_at_idx" ON "live_events" USING btree ("at");--> statement-breakpoint
-- capacity_days: each unit's end-of-day figures as ranges of days, kept by the history's own
-- writes (a capacity change's unit is locked while it is written, so they come in order). The
-- occupancy figures read these ranges instead of walking every change. A bulk load of history
-- turns the trigger off (SET LOCAL civic.capacity_days = 'off') and rebuilds the table after.
CREATE FUNCTION capacity_day_written() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_day date := (NEW.at AT TIME ZONE 'Europe/Helsinki')::date;
  v_open date;
BEGIN
  IF coalesce(current_setting('civic.capacity_days', true), '') = 'off' THEN
    RETURN NULL;
  END IF;
  SELECT day INTO v_open FROM capacity_days
   WHERE unit_id = NEW.unit_id AND service_type_id = NEW.service_type_id AND until IS NULL FOR UPDATE;
  IF v_open IS NOT NULL AND v_open >= v_day THEN
    UPDATE capacity_days SET max_capacity = NEW.max_capacity, occupied = NEW.occupied
     WHERE unit_id = NEW.unit_id AND service_type_id = NEW.service_type_id AND day = v_open;
  ELSE
    UPDATE capacity_days SET until = v_day
     WHERE unit_id = NEW.unit_id AND service_type_id = NEW.service_type_id AND day = v_open;
    INSERT INTO capacity_days (unit_id, service_type_id, day, until, max_capacity, occupied)
      VALUES (NEW.unit_id, NEW.service_type_id, v_day, NULL, NEW.max_capacity, NEW.occupied);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER capacity_history_days AFTER INSERT ON "capacity_history"
  FOR EACH ROW EXECUTE FUNCTION capacity_day_written();
--> statement-breakpoint
-- The same ranges from the whole history at once, in its order (seq), a day never going back.
CREATE FUNCTION rebuild_capacity_days() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM capacity_days;
  INSERT INTO capacity_days (unit_id, service_type_id, day, until, max_capacity, occupied)
  SELECT unit_id, service_type_id, day, lead(day) OVER (PARTITION BY unit_id, service_type_id ORDER BY day),
         max_capacity, occupied
    FROM (SELECT DISTINCT ON (unit_id, service_type_id, day) unit_id, service_type_id, day, max_capacity, occupied
            FROM (SELECT h.unit_id, h.service_type_id, h.seq, h.max_capacity, h.occupied,
                         max((h.at AT TIME ZONE 'Europe/Helsinki')::date)
                           OVER (PARTITION BY h.unit_id, h.service_type_id ORDER BY h.seq) AS day
                    FROM capacity_history h) x
           ORDER BY unit_id, service_type_id, day, seq DESC) last_of_day;
$$;
--> statement-breakpoint
SELECT rebuild_capacity_days();
--> statement-breakpoint
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
--> statement-breakpoint
-- A client's own rows (name, language, where they wait) show on the queue and Today beside their
-- entries: a change there is a change of each of the client's entries.
CREATE FUNCTION live_client_entries(p_client uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_ids uuid[] := ARRAY(SELECT id FROM queue_entries WHERE client_id = p_client ORDER BY id);
BEGIN
  IF cardinality(v_ids) > 0 THEN
    PERFORM live_event('care.queue', v_ids, NULL, NULL);
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION live_client_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM live_client_entries(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER care_clients_live AFTER UPDATE ON "care_clients"
  FOR EACH ROW EXECUTE FUNCTION live_client_changed();
--> statement-breakpoint
CREATE FUNCTION live_waiting_period_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM live_client_entries(NEW.client_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER client_waiting_periods_live AFTER INSERT OR UPDATE ON "client_waiting_periods"
  FOR EACH ROW EXECUTE FUNCTION live_waiting_period_changed();
