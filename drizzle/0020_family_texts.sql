CREATE TABLE "family_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"source" text NOT NULL,
	"notify_id" text,
	"from_number" text,
	"body" text,
	"safe_and_well" boolean,
	"reason_absent" text,
	"return_date" date,
	"callback_number" text,
	"received_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"contact_attempt_id" uuid
);
--> statement-breakpoint
CREATE TABLE "reply_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD COLUMN "to_address" text;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD COLUMN "message_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "to_phone" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "provider_id" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "delivery_status" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "fragments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "text_allowance" integer DEFAULT 5000 NOT NULL;--> statement-breakpoint
ALTER TABLE "family_replies" ADD CONSTRAINT "family_replies_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_replies" ADD CONSTRAINT "family_replies_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_replies" ADD CONSTRAINT "family_replies_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_replies" ADD CONSTRAINT "family_replies_contact_attempt_id_contact_attempts_id_fk" FOREIGN KEY ("contact_attempt_id") REFERENCES "public"."contact_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_links" ADD CONSTRAINT "reply_links_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_links" ADD CONSTRAINT "reply_links_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "family_replies_notify_uq" ON "family_replies" USING btree ("notify_id","pupil_id");--> statement-breakpoint
CREATE INDEX "family_replies_pupil_idx" ON "family_replies" USING btree ("pupil_id","received_at");--> statement-breakpoint
CREATE INDEX "reply_links_pupil_idx" ON "reply_links" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_delivery_idx" ON "outbox_messages" USING btree ("channel","status") WHERE provider_id IS NOT NULL;