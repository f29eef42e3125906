-- A revision number of everything the matching rule reads (open entries, their clients, live
-- offers, tag codes). An API instance keeps the parsed entries in memory and reloads them only when
-- the number has moved, so ranking a vacancy's candidates does not read and parse thousands of rows
-- each time (modules/queue/matching/cache.ts).
--
-- The number is a row, not a sequence: it moves inside the writer's transaction, so a reader never
-- sees a new number before the data it stands for. The bump runs at commit (a deferred constraint
-- trigger), once per transaction: the row is the last lock a writer takes and is held only until
-- its commit, so it cannot take part in a deadlock with the rows the transaction locked before.
CREATE TABLE "queue_match_revision" (
  "id" boolean PRIMARY KEY DEFAULT true CHECK ("id"),
  "revision" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "queue_match_revision" ("id", "revision") VALUES (true, 1);
--> statement-breakpoint
CREATE FUNCTION bump_queue_match_revision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('civic.queue_match_bumped', true), '') <> 'yes' THEN
    UPDATE queue_match_revision SET revision = revision + 1;
    PERFORM set_config('civic.queue_match_bumped', 'yes', true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER queue_entries_match_revision AFTER INSERT OR UPDATE OR DELETE ON "queue_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_queue_match_revision();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER care_clients_match_revision AFTER INSERT OR UPDATE OR DELETE ON "care_clients"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_queue_match_revision();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER placement_offers_match_revision AFTER INSERT OR UPDATE OR DELETE ON "placement_offers"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_queue_match_revision();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER care_tags_match_revision AFTER INSERT OR UPDATE OR DELETE ON "care_tags"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_queue_match_revision();
--> statement-breakpoint
-- TRUNCATE (the demo's reseed) has no row triggers; it holds its tables exclusively anyway.
CREATE FUNCTION bump_queue_match_revision_now() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE queue_match_revision SET revision = revision + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_entries_match_revision_truncate AFTER TRUNCATE ON "queue_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_queue_match_revision_now();
--> statement-breakpoint
CREATE TRIGGER care_clients_match_revision_truncate AFTER TRUNCATE ON "care_clients"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_queue_match_revision_now();
--> statement-breakpoint
CREATE TRIGGER placement_offers_match_revision_truncate AFTER TRUNCATE ON "placement_offers"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_queue_match_revision_now();
--> statement-breakpoint
CREATE TRIGGER care_tags_match_revision_truncate AFTER TRUNCATE ON "care_tags"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_queue_match_revision_now();
