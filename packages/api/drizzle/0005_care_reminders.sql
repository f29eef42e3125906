CREATE TABLE "care_stale_reminders" (
	"provider_id" uuid NOT NULL,
	"sent_on" date NOT NULL,
	"unit_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_stale_reminders_provider_id_sent_on_pk" PRIMARY KEY("provider_id","sent_on")
);
--> statement-breakpoint
ALTER TABLE "care_stale_reminders" ADD CONSTRAINT "care_stale_reminders_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;