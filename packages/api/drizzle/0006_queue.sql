CREATE TYPE "public"."queue_entry_status" AS ENUM('queued', 'offered', 'interim', 'placed', 'withdrawn', 'deceased', 'placed_elsewhere');--> statement-breakpoint
CREATE TYPE "public"."placement_offer_status" AS ENUM('proposed', 'provider_confirmed', 'accepted', 'moved_in', 'provider_declined', 'client_declined', 'expired', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."urgency_class" AS ENUM('urgent', 'high', 'normal');--> statement-breakpoint
CREATE TYPE "public"."waiting_setting" AS ENUM('home', 'hospital', 'short_term_care', 'interim_placement', 'other');--> statement-breakpoint
ALTER TYPE "public"."scope" ADD VALUE 'care.queue:write' BEFORE 'reports:read';--> statement-breakpoint
CREATE TABLE "care_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"personal_identity_code" text NOT NULL,
	"birth_date" date NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"language" text NOT NULL,
	"contact_name" text,
	"contact_relation" text,
	"contact_phone" text,
	"contact_email" text,
	"need_tag_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"rai_cps" smallint,
	"rai_adlh" smallint,
	"rai_maple" smallint,
	"rai_assessed_on" date,
	"spouse_client_id" uuid,
	"place_together" boolean DEFAULT false NOT NULL,
	"deceased_on" date,
	"source_system" text,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "care_clients_not_own_spouse" CHECK (spouse_client_id IS NULL OR spouse_client_id <> id),
	CONSTRAINT "care_clients_rai_ranges" CHECK ((rai_cps IS NULL OR rai_cps BETWEEN 0 AND 6)
      AND (rai_adlh IS NULL OR rai_adlh BETWEEN 0 AND 6) AND (rai_maple IS NULL OR rai_maple BETWEEN 1 AND 5))
);
--> statement-breakpoint
CREATE TABLE "client_waiting_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"setting" "waiting_setting" NOT NULL,
	"place" text,
	"unit_id" uuid,
	"since" date NOT NULL,
	"until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_waiting_periods_order" CHECK (until IS NULL OR until >= since)
);
--> statement-breakpoint
CREATE TABLE "placement_offer_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"actor_side" text NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"reason" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"status" "placement_offer_status" DEFAULT 'proposed' NOT NULL,
	"interim" boolean DEFAULT false NOT NULL,
	"intended_move_in" date NOT NULL,
	"note" text,
	"pick_reason" text,
	"rank_at_offer" integer,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"offered_by" uuid,
	"response_due_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"move_in_due_on" date,
	"moved_in_on" date,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"service_type_id" uuid NOT NULL,
	"decision_date" date NOT NULL,
	"ready_date" date,
	"urgency" "urgency_class" NOT NULL,
	"priority_date" date,
	"priority_reason" text,
	"preferred_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"preferred_districts" text[] DEFAULT '{}'::text[] NOT NULL,
	"only_preferred_units" boolean DEFAULT false NOT NULL,
	"status" "queue_entry_status" DEFAULT 'queued' NOT NULL,
	"interim_unit_id" uuid,
	"closed_on" date,
	"close_note" text,
	"refusal_count" integer DEFAULT 0 NOT NULL,
	"needs_reassessment" boolean DEFAULT false NOT NULL,
	"clock_restarted_on" date,
	"ended_on" date,
	"source_system" text,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "queue_entries_closed" CHECK ((status IN ('withdrawn', 'deceased', 'placed_elsewhere')) = (closed_on IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "queue_entry_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"reason" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waiting_setting_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"setting" "waiting_setting" NOT NULL,
	"valid_from" date NOT NULL,
	"daily_price" numeric(10, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "subject_client_ids" uuid[];--> statement-breakpoint
ALTER TABLE "care_clients" ADD CONSTRAINT "care_clients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_waiting_periods" ADD CONSTRAINT "client_waiting_periods_client_id_care_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."care_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_waiting_periods" ADD CONSTRAINT "client_waiting_periods_unit_id_care_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."care_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_offer_events" ADD CONSTRAINT "placement_offer_events_offer_id_placement_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."placement_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_offer_events" ADD CONSTRAINT "placement_offer_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_offers" ADD CONSTRAINT "placement_offers_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_offers" ADD CONSTRAINT "placement_offers_entry_id_queue_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."queue_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_offers" ADD CONSTRAINT "placement_offers_client_id_care_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."care_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_offers" ADD CONSTRAINT "placement_offers_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_client_id_care_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."care_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_service_type_id_service_types_id_fk" FOREIGN KEY ("service_type_id") REFERENCES "public"."service_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_interim_unit_id_care_units_id_fk" FOREIGN KEY ("interim_unit_id") REFERENCES "public"."care_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entry_events" ADD CONSTRAINT "queue_entry_events_entry_id_queue_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."queue_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entry_events" ADD CONSTRAINT "queue_entry_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_setting_prices" ADD CONSTRAINT "waiting_setting_prices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_clients_pic_idx" ON "care_clients" USING btree ("personal_identity_code");--> statement-breakpoint
CREATE UNIQUE INDEX "care_clients_source_idx" ON "care_clients" USING btree ("source_system","source_id") WHERE source_system IS NOT NULL;--> statement-breakpoint
CREATE INDEX "care_clients_name_idx" ON "care_clients" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE INDEX "client_waiting_periods_client_idx" ON "client_waiting_periods" USING btree ("client_id","since");--> statement-breakpoint
CREATE UNIQUE INDEX "client_waiting_periods_current_idx" ON "client_waiting_periods" USING btree ("client_id") WHERE until IS NULL;--> statement-breakpoint
CREATE INDEX "placement_offer_events_offer_idx" ON "placement_offer_events" USING btree ("offer_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_offers_live_vacancy_idx" ON "placement_offers" USING btree ("vacancy_id") WHERE status IN ('proposed', 'provider_confirmed', 'accepted');--> statement-breakpoint
CREATE UNIQUE INDEX "placement_offers_live_entry_idx" ON "placement_offers" USING btree ("entry_id") WHERE status IN ('proposed', 'provider_confirmed', 'accepted');--> statement-breakpoint
CREATE INDEX "placement_offers_live_due_idx" ON "placement_offers" USING btree ("response_due_at") WHERE status IN ('proposed', 'provider_confirmed');--> statement-breakpoint
CREATE INDEX "placement_offers_client_idx" ON "placement_offers" USING btree ("client_id","offered_at");--> statement-breakpoint
CREATE INDEX "placement_offers_group_idx" ON "placement_offers" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "placement_offers_vacancy_idx" ON "placement_offers" USING btree ("vacancy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_entries_one_open_idx" ON "queue_entries" USING btree ("client_id","service_type_id") WHERE status IN ('queued', 'offered', 'interim');--> statement-breakpoint
CREATE INDEX "queue_entries_open_order_idx" ON "queue_entries" USING btree ("service_type_id","urgency","decision_date") WHERE status IN ('queued', 'offered', 'interim');--> statement-breakpoint
CREATE INDEX "queue_entries_client_idx" ON "queue_entries" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_entries_source_idx" ON "queue_entries" USING btree ("source_system","source_id") WHERE source_system IS NOT NULL;--> statement-breakpoint
CREATE INDEX "queue_entry_events_entry_idx" ON "queue_entry_events" USING btree ("entry_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "waiting_setting_prices_valid_idx" ON "waiting_setting_prices" USING btree ("setting","valid_from");--> statement-breakpoint
CREATE INDEX "audit_log_subjects_idx" ON "audit_log" USING gin ("subject_client_ids");