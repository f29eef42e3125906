CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TYPE "public"."agreement_key_state" AS ENUM('out', 'returned', 'lost', 'released');--> statement-breakpoint
CREATE TYPE "public"."key_agreement_state" AS ENUM('draft', 'awaiting_signature', 'active', 'partially_returned', 'returned', 'cancelled', 'declined', 'expired');--> statement-breakpoint
CREATE TYPE "public"."key_status" AS ENUM('available', 'lent', 'lost', 'retired');--> statement-breakpoint
CREATE TABLE "agreement_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department" text NOT NULL,
	"version" integer NOT NULL,
	"texts" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "associations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"business_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_agreement_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"sha256" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_agreement_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"event" text NOT NULL,
	"from_state" "key_agreement_state",
	"to_state" "key_agreement_state",
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_agreement_keys" (
	"agreement_id" uuid NOT NULL,
	"key_id" uuid NOT NULL,
	"state" "agreement_key_state" DEFAULT 'out' NOT NULL,
	"holding" boolean DEFAULT true NOT NULL,
	"returned_at" timestamp with time zone,
	CONSTRAINT "key_agreement_keys_agreement_id_key_id_pk" PRIMARY KEY("agreement_id","key_id")
);
--> statement-breakpoint
CREATE TABLE "key_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"site_id" uuid NOT NULL,
	"association_id" uuid NOT NULL,
	"renter_id" uuid NOT NULL,
	"handed_over_by" uuid NOT NULL,
	"state" "key_agreement_state" DEFAULT 'draft' NOT NULL,
	"template_id" uuid NOT NULL,
	"language" "language" NOT NULL,
	"text" text NOT NULL,
	"expected_return_date" date NOT NULL,
	"signing_method" text,
	"signed_name" text,
	"signature" jsonb,
	"decline_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"anonymised_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"event" text NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"agreement_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"code" text NOT NULL,
	"opens" text NOT NULL,
	"key_set" text,
	"status" "key_status" DEFAULT 'available' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"attachment_document_id" uuid,
	"agreement_id" uuid,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "renters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"association_id" uuid,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"anonymised_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "signing_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"sent_to" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agreement_templates" ADD CONSTRAINT "agreement_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_agreement_documents" ADD CONSTRAINT "key_agreement_documents_agreement_id_key_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."key_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_agreement_events" ADD CONSTRAINT "key_agreement_events_agreement_id_key_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."key_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_agreement_events" ADD CONSTRAINT "key_agreement_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_agreement_keys" ADD CONSTRAINT "key_agreement_keys_agreement_id_key_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."key_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_agreement_keys" ADD CONSTRAINT "key_agreement_keys_key_id_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_agreements" ADD CONSTRAINT "key_agreements_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_agreements" ADD CONSTRAINT "key_agreements_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_agreements" ADD CONSTRAINT "key_agreements_renter_id_renters_id_fk" FOREIGN KEY ("renter_id") REFERENCES "public"."renters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_agreements" ADD CONSTRAINT "key_agreements_handed_over_by_users_id_fk" FOREIGN KEY ("handed_over_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_agreements" ADD CONSTRAINT "key_agreements_template_id_agreement_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."agreement_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_events" ADD CONSTRAINT "key_events_key_id_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_events" ADD CONSTRAINT "key_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keys" ADD CONSTRAINT "keys_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_attachment_document_id_key_agreement_documents_id_fk" FOREIGN KEY ("attachment_document_id") REFERENCES "public"."key_agreement_documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_agreement_id_key_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."key_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renters" ADD CONSTRAINT "renters_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_links" ADD CONSTRAINT "signing_links_agreement_id_key_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."key_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_templates_version_idx" ON "agreement_templates" USING btree ("department","version");--> statement-breakpoint
CREATE UNIQUE INDEX "associations_name_lower_idx" ON "associations" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "associations_name_trgm_idx" ON "associations" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "key_agreement_documents_agreement_idx" ON "key_agreement_documents" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "key_agreement_events_agreement_idx" ON "key_agreement_events" USING btree ("agreement_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "key_agreement_keys_one_holder_idx" ON "key_agreement_keys" USING btree ("key_id") WHERE holding;--> statement-breakpoint
CREATE INDEX "key_agreement_keys_key_idx" ON "key_agreement_keys" USING btree ("key_id");--> statement-breakpoint
CREATE UNIQUE INDEX "key_agreements_number_idx" ON "key_agreements" USING btree ("number");--> statement-breakpoint
CREATE INDEX "key_agreements_site_created_idx" ON "key_agreements" USING btree ("site_id","created_at");--> statement-breakpoint
CREATE INDEX "key_agreements_created_idx" ON "key_agreements" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "key_agreements_state_idx" ON "key_agreements" USING btree ("state","expected_return_date");--> statement-breakpoint
CREATE INDEX "key_agreements_association_idx" ON "key_agreements" USING btree ("association_id");--> statement-breakpoint
CREATE INDEX "key_agreements_renter_idx" ON "key_agreements" USING btree ("renter_id");--> statement-breakpoint
CREATE INDEX "key_agreements_ended_idx" ON "key_agreements" USING btree ("ended_at") WHERE anonymised_at IS NULL;--> statement-breakpoint
CREATE INDEX "key_events_key_idx" ON "key_events" USING btree ("key_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "keys_site_code_idx" ON "keys" USING btree ("site_id","code");--> statement-breakpoint
CREATE INDEX "keys_code_idx" ON "keys" USING btree ("code");--> statement-breakpoint
CREATE INDEX "keys_lost_idx" ON "keys" USING btree ("status") WHERE status = 'lost';--> statement-breakpoint
CREATE INDEX "outbound_emails_created_idx" ON "outbound_emails" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbound_emails_agreement_idx" ON "outbound_emails" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "renters_association_idx" ON "renters" USING btree ("association_id");--> statement-breakpoint
CREATE INDEX "renters_name_trgm_idx" ON "renters" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "signing_links_token_idx" ON "signing_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "signing_links_agreement_idx" ON "signing_links" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "signing_links_open_idx" ON "signing_links" USING btree ("expires_at") WHERE used_at IS NULL AND revoked_at IS NULL;--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "key_agreement_number_seq";
