CREATE TABLE "vacancy_offer_facts" (
	"vacancy_id" uuid PRIMARY KEY NOT NULL,
	"first_offered_at" timestamp with time zone,
	"moved_in_on" date
);
--> statement-breakpoint
ALTER TABLE "vacancy_offer_facts" ADD CONSTRAINT "vacancy_offer_facts_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- vacancy_offer_facts: each vacancy's first offer time and move-in day, worked out again from its
-- offers whenever a statement writes offers of it (statement triggers with transition tables, so
-- a bulk insert of offers works each vacancy out once). The vacancy's fact row is locked first
-- (the insert of a missing one waits for another writer's uncommitted row, FOR UPDATE for one
-- being changed) and its offers read in a statement of its own: under READ COMMITTED that
-- statement sees the offers of a writer it waited for, so two writers on one vacancy cannot
-- each write a minimum that misses the other's offer.
CREATE FUNCTION vacancy_offer_facts_refresh(p_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO vacancy_offer_facts (vacancy_id)
  SELECT DISTINCT i FROM unnest(p_ids) i WHERE EXISTS (SELECT 1 FROM vacancies WHERE id = i)
  ON CONFLICT (vacancy_id) DO NOTHING;
  PERFORM 1 FROM vacancy_offer_facts WHERE vacancy_id = ANY (p_ids) ORDER BY vacancy_id FOR UPDATE;
  UPDATE vacancy_offer_facts f
     SET first_offered_at = s.first_at, moved_in_on = s.moved_in_on
    FROM (SELECT i AS id, min(o.offered_at) AS first_at,
                 min(o.moved_in_on) FILTER (WHERE o.status = 'moved_in') AS moved_in_on
            FROM unnest(p_ids) i LEFT JOIN placement_offers o ON o.vacancy_id = i
           GROUP BY i) s
   WHERE f.vacancy_id = s.id
     AND (f.first_offered_at IS DISTINCT FROM s.first_at OR f.moved_in_on IS DISTINCT FROM s.moved_in_on);
END $$;
--> statement-breakpoint
CREATE FUNCTION vacancy_offer_facts_written() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM vacancy_offer_facts_refresh(ARRAY(SELECT DISTINCT vacancy_id FROM new_offers));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM vacancy_offer_facts_refresh(ARRAY(SELECT vacancy_id FROM new_offers UNION SELECT vacancy_id FROM old_offers));
  ELSE
    PERFORM vacancy_offer_facts_refresh(ARRAY(SELECT DISTINCT vacancy_id FROM old_offers));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER placement_offers_facts_insert AFTER INSERT ON "placement_offers"
  REFERENCING NEW TABLE AS new_offers FOR EACH STATEMENT EXECUTE FUNCTION vacancy_offer_facts_written();
--> statement-breakpoint
CREATE TRIGGER placement_offers_facts_update AFTER UPDATE ON "placement_offers"
  REFERENCING OLD TABLE AS old_offers NEW TABLE AS new_offers FOR EACH STATEMENT EXECUTE FUNCTION vacancy_offer_facts_written();
--> statement-breakpoint
CREATE TRIGGER placement_offers_facts_delete AFTER DELETE ON "placement_offers"
  REFERENCING OLD TABLE AS old_offers FOR EACH STATEMENT EXECUTE FUNCTION vacancy_offer_facts_written();
--> statement-breakpoint
-- TRUNCATE placement_offers (the demo reset) leaves no offers to know of.
CREATE FUNCTION placement_offers_facts_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM vacancy_offer_facts;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER placement_offers_facts_truncate AFTER TRUNCATE ON "placement_offers"
  FOR EACH STATEMENT EXECUTE FUNCTION placement_offers_facts_truncated();
--> statement-breakpoint
-- The offers already there.
INSERT INTO vacancy_offer_facts (vacancy_id, first_offered_at, moved_in_on)
SELECT vacancy_id, min(offered_at), min(moved_in_on) FILTER (WHERE status = 'moved_in')
  FROM placement_offers GROUP BY vacancy_id;
