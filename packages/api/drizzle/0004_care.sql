CREATE TYPE "public"."vacancy_status" AS ENUM('open', 'offered', 'filled', 'withdrawn');--> statement-breakpoint
CREATE TABLE "capacity_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"service_type_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"max_capacity" integer NOT NULL,
	"occupied" integer NOT NULL,
	"reserved" integer NOT NULL,
	"vacant_accepting" integer NOT NULL,
	"closed_to_admissions" boolean NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"vacancy_id" uuid
);
--> statement-breakpoint
CREATE TABLE "care_capacity" (
	"unit_id" uuid NOT NULL,
	"service_type_id" uuid NOT NULL,
	"max_capacity" integer NOT NULL,
	"occupied" integer NOT NULL,
	"reserved" integer NOT NULL,
	"vacant_accepting" integer NOT NULL,
	"closed_to_admissions" boolean DEFAULT false NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_capacity_unit_id_service_type_id_pk" PRIMARY KEY("unit_id","service_type_id"),
	CONSTRAINT "care_capacity_adds_up" CHECK (occupied >= 0 AND reserved >= 0 AND vacant_accepting >= 0
          AND occupied + reserved + vacant_accepting <= max_capacity
          AND NOT (closed_to_admissions AND vacant_accepting > 0))
);
--> statement-breakpoint
CREATE TABLE "care_tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"names" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_tags_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "care_unit_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"service_type_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"daily_price" numeric(10, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "care_unit_tags" (
	"unit_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	CONSTRAINT "care_unit_tags_unit_id_tag_id_pk" PRIMARY KEY("unit_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "care_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"district" text NOT NULL,
	"languages" text[] DEFAULT '{fi}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"names" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_types_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "user_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"service_type_id" uuid NOT NULL,
	"available_from" date NOT NULL,
	"notes" text,
	"status" "vacancy_status" DEFAULT 'open' NOT NULL,
	"reported_by" uuid,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "contract_start" date;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "contract_end" date;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "capacity_history" ADD CONSTRAINT "capacity_history_unit_id_care_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."care_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_history" ADD CONSTRAINT "capacity_history_service_type_id_service_types_id_fk" FOREIGN KEY ("service_type_id") REFERENCES "public"."service_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_history" ADD CONSTRAINT "capacity_history_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_capacity" ADD CONSTRAINT "care_capacity_unit_id_care_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."care_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_capacity" ADD CONSTRAINT "care_capacity_service_type_id_service_types_id_fk" FOREIGN KEY ("service_type_id") REFERENCES "public"."service_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_capacity" ADD CONSTRAINT "care_capacity_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_unit_prices" ADD CONSTRAINT "care_unit_prices_unit_id_care_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."care_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_unit_prices" ADD CONSTRAINT "care_unit_prices_service_type_id_service_types_id_fk" FOREIGN KEY ("service_type_id") REFERENCES "public"."service_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_unit_prices" ADD CONSTRAINT "care_unit_prices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_unit_tags" ADD CONSTRAINT "care_unit_tags_unit_id_care_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."care_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_unit_tags" ADD CONSTRAINT "care_unit_tags_tag_id_care_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."care_tags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_units" ADD CONSTRAINT "care_units_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_invitations" ADD CONSTRAINT "user_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_invitations" ADD CONSTRAINT "user_invitations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_unit_id_care_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."care_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_service_type_id_service_types_id_fk" FOREIGN KEY ("service_type_id") REFERENCES "public"."service_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "capacity_history_unit_idx" ON "capacity_history" USING btree ("unit_id","service_type_id","at");--> statement-breakpoint
CREATE INDEX "care_capacity_confirmed_idx" ON "care_capacity" USING btree ("confirmed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "care_unit_prices_valid_idx" ON "care_unit_prices" USING btree ("unit_id","service_type_id","valid_from");--> statement-breakpoint
CREATE INDEX "care_unit_tags_tag_idx" ON "care_unit_tags" USING btree ("tag_id");--> statement-breakpoint
CREATE INDEX "care_units_provider_idx" ON "care_units" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "care_units_district_idx" ON "care_units" USING btree ("district");--> statement-breakpoint
CREATE UNIQUE INDEX "user_invitations_token_idx" ON "user_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "user_invitations_user_idx" ON "user_invitations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "vacancies_open_idx" ON "vacancies" USING btree ("reported_at") WHERE status IN ('open', 'offered');--> statement-breakpoint
CREATE INDEX "vacancies_unit_idx" ON "vacancies" USING btree ("unit_id","reported_at");--> statement-breakpoint
-- The managed lists start with the types and tags every city uses; admins add and rename more.
INSERT INTO "service_types" ("code", "names") VALUES
  ('service_housing_24h', '{"fi":"Ympärivuorokautinen palveluasuminen","sv":"Serviceboende med heldygnsomsorg","en":"24-hour service housing"}'),
  ('communal_housing', '{"fi":"Yhteisöllinen asuminen","sv":"Gemenskapsboende","en":"Communal housing"}'),
  ('long_term_institutional', '{"fi":"Pitkäaikainen laitoshoito","sv":"Långvarig institutionsvård","en":"Long-term institutional care"}'),
  ('short_term_care', '{"fi":"Lyhytaikaishoito","sv":"Korttidsvård","en":"Short-term care"}')
ON CONFLICT ("code") DO NOTHING;--> statement-breakpoint
INSERT INTO "care_tags" ("code", "names") VALUES
  ('dementia_secure', '{"fi":"Muistisairaat, suljettu yksikkö","sv":"Minnessjuka, låst enhet","en":"Dementia, secure unit"}'),
  ('swedish_language', '{"fi":"Ruotsinkielinen","sv":"Svenskspråkig","en":"Swedish-language"}'),
  ('couple_rooms', '{"fi":"Pariskuntahuoneet","sv":"Parrum","en":"Couple rooms"}'),
  ('pets_allowed', '{"fi":"Lemmikit sallittu","sv":"Husdjur tillåtna","en":"Pets allowed"}'),
  ('bariatric', '{"fi":"Bariatrinen hoito","sv":"Bariatrisk vård","en":"Bariatric care"}')
ON CONFLICT ("code") DO NOTHING;
