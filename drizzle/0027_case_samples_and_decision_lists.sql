CREATE TABLE "case_sample_visits" (
	"sample_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"report_complete" boolean,
	"clause_followed" boolean,
	"check_ins_kept" boolean,
	"note" text,
	"reviewed_by" uuid,
	"reviewed_name" text,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "case_sample_visits_sample_id_visit_id_pk" PRIMARY KEY("sample_id","visit_id")
);
--> statement-breakpoint
CREATE TABLE "case_samples" (
	"id" uuid PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"size_asked" integer NOT NULL,
	"seed" integer NOT NULL,
	"pool_size" integer NOT NULL,
	"drawn_by" uuid NOT NULL,
	"drawn_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_list_pupils" (
	"list_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"possible_sessions" integer NOT NULL,
	"sessions_missed" integer NOT NULL,
	"decision" text,
	"note" text,
	"visit_id" uuid,
	"decided_by" uuid,
	"decided_name" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "decision_list_pupils_list_id_pupil_id_pk" PRIMARY KEY("list_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "decision_lists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"built_by" uuid NOT NULL,
	"built_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_sample_visits" ADD CONSTRAINT "case_sample_visits_sample_id_case_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."case_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_sample_visits" ADD CONSTRAINT "case_sample_visits_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_sample_visits" ADD CONSTRAINT "case_sample_visits_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_sample_visits" ADD CONSTRAINT "case_sample_visits_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_samples" ADD CONSTRAINT "case_samples_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_samples" ADD CONSTRAINT "case_samples_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_list_pupils" ADD CONSTRAINT "decision_list_pupils_list_id_decision_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."decision_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_list_pupils" ADD CONSTRAINT "decision_list_pupils_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_list_pupils" ADD CONSTRAINT "decision_list_pupils_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_list_pupils" ADD CONSTRAINT "decision_list_pupils_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_list_pupils" ADD CONSTRAINT "decision_list_pupils_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_lists" ADD CONSTRAINT "decision_lists_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_lists" ADD CONSTRAINT "decision_lists_built_by_users_id_fk" FOREIGN KEY ("built_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_samples_school_idx" ON "case_samples" USING btree ("school_id","created_at");--> statement-breakpoint
CREATE INDEX "decision_lists_school_idx" ON "decision_lists" USING btree ("school_id","created_at");