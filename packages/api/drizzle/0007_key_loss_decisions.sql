CREATE TABLE "key_loss_decisions" (
	"lost_event_id" uuid PRIMARY KEY NOT NULL,
	"key_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cost_cents" integer,
	"locks_changed_on" date,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "key_loss_decisions" ADD CONSTRAINT "key_loss_decisions_lost_event_id_key_events_id_fk" FOREIGN KEY ("lost_event_id") REFERENCES "public"."key_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_loss_decisions" ADD CONSTRAINT "key_loss_decisions_key_id_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_loss_decisions" ADD CONSTRAINT "key_loss_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;