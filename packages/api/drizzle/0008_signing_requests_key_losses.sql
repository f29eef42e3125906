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
CREATE TABLE "signing_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"document" "bytea",
	"document_name" text NOT NULL,
	"filename" text NOT NULL,
	"invitee" jsonb NOT NULL,
	"external_id" text,
	"file_uploaded" boolean DEFAULT false NOT NULL,
	"invitation_id" text,
	"expires_at" timestamp with time zone NOT NULL,
	"next_check_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"checks" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_checked_at" timestamp with time zone,
	"last_error" text,
	"vendor_status" text,
	"evidence" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "signing_links" ADD COLUMN "method" text DEFAULT 'link' NOT NULL;--> statement-breakpoint
ALTER TABLE "key_loss_decisions" ADD CONSTRAINT "key_loss_decisions_lost_event_id_key_events_id_fk" FOREIGN KEY ("lost_event_id") REFERENCES "public"."key_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_loss_decisions" ADD CONSTRAINT "key_loss_decisions_key_id_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_loss_decisions" ADD CONSTRAINT "key_loss_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_requests" ADD CONSTRAINT "signing_requests_agreement_id_key_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."key_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signing_requests_agreement_idx" ON "signing_requests" USING btree ("agreement_id","created_at");--> statement-breakpoint
CREATE INDEX "signing_requests_due_idx" ON "signing_requests" USING btree ("next_check_at") WHERE status IN ('sending', 'pending', 'withdrawn');