CREATE TABLE "daily_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pupil_id" uuid NOT NULL,
	"action" text NOT NULL,
	"rule" text NOT NULL,
	"reason" text NOT NULL,
	"priority" integer NOT NULL,
	"policy_version" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid,
	"trust_id" uuid,
	"kind" text NOT NULL,
	"file_name" text,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"inserted" integer NOT NULL,
	"changed" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"imported_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_policies" (
	"school_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"template_id" text NOT NULL,
	"policy" jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"changed_by" text NOT NULL,
	"change_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_policies_school_id_version_pk" PRIMARY KEY("school_id","version")
);
--> statement-breakpoint
CREATE TABLE "visit_pupils" (
	"visit_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"outcome" text,
	CONSTRAINT "visit_pupils_visit_id_pupil_id_pk" PRIMARY KEY("visit_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"state" text NOT NULL,
	"day" date NOT NULL,
	"address" text,
	"answers_action" text,
	"proposed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "daily_actions" ADD CONSTRAINT "daily_actions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_actions" ADD CONSTRAINT "daily_actions_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_policies" ADD CONSTRAINT "school_policies_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_pupils" ADD CONSTRAINT "visit_pupils_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_pupils" ADD CONSTRAINT "visit_pupils_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "daily_actions_uq" ON "daily_actions" USING btree ("school_id","day","pupil_id","action");--> statement-breakpoint
CREATE INDEX "import_batches_school_idx" ON "import_batches" USING btree ("school_id","created_at");--> statement-breakpoint
CREATE INDEX "visit_pupils_pupil_idx" ON "visit_pupils" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "visits_school_day_idx" ON "visits" USING btree ("school_id","day");