CREATE TABLE "capacity_months" (
	"unit_id" uuid NOT NULL,
	"service_type_id" uuid NOT NULL,
	"month" date NOT NULL,
	"days" integer NOT NULL,
	"occupied_days" bigint NOT NULL,
	"place_days" bigint NOT NULL,
	CONSTRAINT "capacity_months_unit_id_service_type_id_month_pk" PRIMARY KEY("unit_id","service_type_id","month")
);
--> statement-breakpoint
ALTER TABLE "capacity_months" ADD CONSTRAINT "capacity_months_unit_id_care_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."care_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_months" ADD CONSTRAINT "capacity_months_service_type_id_service_types_id_fk" FOREIGN KEY ("service_type_id") REFERENCES "public"."service_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "capacity_days_range_idx" ON "capacity_days" USING gist (daterange("day", "until"));--> statement-breakpoint
-- capacity_months: the closed ranges of capacity_days summed per month, kept by a trigger on
-- capacity_days that adds what each written row changes (minus the old row, plus the new), as
-- increments of the month rows, so writers on the same month each add their own difference
-- (the row lock of ON CONFLICT DO UPDATE orders them) and a rolled-back write adds nothing.
-- Open ranges (until null) grow every day and are read from capacity_days itself. A bulk
-- rebuild of capacity_days (rebuild_capacity_days) turns the trigger off
-- (civic.capacity_months = 'off') and sums the months in one go.
CREATE FUNCTION capacity_months_add(p_unit uuid, p_type uuid, p_day date, p_until date,
                                    p_max integer, p_occupied integer, p_sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO capacity_months AS c (unit_id, service_type_id, month, days, occupied_days, place_days)
  SELECT p_unit, p_type, m, p_sign * d, p_sign * d * p_occupied::bigint, p_sign * d * p_max::bigint
    FROM (SELECT m::date AS m, least(p_until, (m + interval '1 month')::date) - greatest(p_day, m::date) AS d
            FROM generate_series(date_trunc('month', p_day::timestamp), date_trunc('month', (p_until - 1)::timestamp),
                                 interval '1 month') m) x
   WHERE p_until > p_day AND d > 0
  ON CONFLICT (unit_id, service_type_id, month) DO UPDATE
    SET days = c.days + EXCLUDED.days, occupied_days = c.occupied_days + EXCLUDED.occupied_days,
        place_days = c.place_days + EXCLUDED.place_days;
$$;
--> statement-breakpoint
CREATE FUNCTION capacity_day_summed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('civic.capacity_months', true), '') = 'off' THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.until IS NOT NULL THEN
    PERFORM capacity_months_add(OLD.unit_id, OLD.service_type_id, OLD.day, OLD.until, OLD.max_capacity, OLD.occupied, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.until IS NOT NULL THEN
    PERFORM capacity_months_add(NEW.unit_id, NEW.service_type_id, NEW.day, NEW.until, NEW.max_capacity, NEW.occupied, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER capacity_days_months AFTER INSERT OR UPDATE OR DELETE ON "capacity_days"
  FOR EACH ROW EXECUTE FUNCTION capacity_day_summed();
--> statement-breakpoint
-- TRUNCATE capacity_days (the demo reset) empties the months too.
CREATE FUNCTION capacity_days_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM capacity_months;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER capacity_days_months_truncate AFTER TRUNCATE ON "capacity_days"
  FOR EACH STATEMENT EXECUTE FUNCTION capacity_days_truncated();
--> statement-breakpoint
-- The months of every closed range at once, as the trigger would have summed them.
CREATE FUNCTION rebuild_capacity_months() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM capacity_months;
  INSERT INTO capacity_months (unit_id, service_type_id, month, days, occupied_days, place_days)
  SELECT unit_id, service_type_id, m, sum(d), sum(d * occupied::bigint), sum(d * max_capacity::bigint)
    FROM (SELECT x.unit_id, x.service_type_id, x.occupied, x.max_capacity, m::date AS m,
                 least(x.until, (m + interval '1 month')::date) - greatest(x.day, m::date) AS d
            FROM capacity_days x,
                 generate_series(date_trunc('month', x.day::timestamp), date_trunc('month', (x.until - 1)::timestamp),
                                 interval '1 month') m
           WHERE x.until IS NOT NULL) y
   WHERE d > 0
   GROUP BY unit_id, service_type_id, m;
$$;
--> statement-breakpoint
-- The bulk rebuild of capacity_days (0013) with the months summed once after it, not per row.
CREATE OR REPLACE FUNCTION rebuild_capacity_days() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_was text := coalesce(current_setting('civic.capacity_months', true), '');
BEGIN
  PERFORM set_config('civic.capacity_months', 'off', true);
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
  PERFORM set_config('civic.capacity_months', v_was, true);
  PERFORM rebuild_capacity_months();
END $$;
--> statement-breakpoint
SELECT rebuild_capacity_months();
