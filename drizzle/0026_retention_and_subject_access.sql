CREATE TABLE "subject_access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"subject_kind" text NOT NULL,
	"pupil_id" uuid NOT NULL,
	"contact_id" uuid,
	"requested_by" text NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_name" text NOT NULL,
	"concerns_decision" text,
	"concerns_reason" text,
	"concerns_decided_by" uuid,
	"concerns_decided_name" text,
	"concerns_decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subject_access_requests_contact_ck" CHECK (("subject_access_requests"."subject_kind" = 'contact') = ("subject_access_requests"."contact_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "safeguarding_concerns" ADD COLUMN "anonymised_on" date;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_contact_id_family_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."family_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_access_requests" ADD CONSTRAINT "subject_access_requests_concerns_decided_by_users_id_fk" FOREIGN KEY ("concerns_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subject_access_requests_school_idx" ON "subject_access_requests" USING btree ("school_id","received_on");