CREATE TABLE "penalty_notice_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"decided_on" date NOT NULL,
	"decision" text NOT NULL,
	"parent_name" text,
	"window_start" date,
	"window_end" date,
	"amount_pence" integer,
	"pay_by" date,
	"reason" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statutory_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"duty" text NOT NULL,
	"episode_key" text NOT NULL,
	"regulation" text NOT NULL,
	"la_pack_id" text NOT NULL,
	"due_on" date NOT NULL,
	"submitted_on" date NOT NULL,
	"submitted_how" text NOT NULL,
	"reference" text,
	"submitted_by" uuid NOT NULL,
	"submitted_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "la_pack_id" text DEFAULT 'national' NOT NULL;--> statement-breakpoint
ALTER TABLE "penalty_notice_decisions" ADD CONSTRAINT "penalty_notice_decisions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_notice_decisions" ADD CONSTRAINT "penalty_notice_decisions_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_notice_decisions" ADD CONSTRAINT "penalty_notice_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statutory_returns" ADD CONSTRAINT "statutory_returns_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statutory_returns" ADD CONSTRAINT "statutory_returns_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statutory_returns" ADD CONSTRAINT "statutory_returns_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "penalty_notice_decisions_pupil_idx" ON "penalty_notice_decisions" USING btree ("school_id","pupil_id","decided_on");--> statement-breakpoint
CREATE UNIQUE INDEX "statutory_returns_episode_uq" ON "statutory_returns" USING btree ("school_id","pupil_id","duty","episode_key");