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
ALTER TABLE "signing_requests" ADD CONSTRAINT "signing_requests_agreement_id_key_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."key_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signing_requests_agreement_idx" ON "signing_requests" USING btree ("agreement_id","created_at");--> statement-breakpoint
CREATE INDEX "signing_requests_due_idx" ON "signing_requests" USING btree ("next_check_at") WHERE status IN ('sending', 'pending', 'withdrawn');