CREATE TABLE "external_references" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"system" text NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"visit_id" uuid,
	"pupil_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"details" jsonb NOT NULL,
	"routed_to" jsonb NOT NULL,
	"route_clause" text NOT NULL,
	"review_required" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_name" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"outcome_by" uuid,
	"outcome_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "external_references" ADD CONSTRAINT "external_references_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_references" ADD CONSTRAINT "external_references_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_records" ADD CONSTRAINT "visit_records_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_records" ADD CONSTRAINT "visit_records_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_records" ADD CONSTRAINT "visit_records_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_records" ADD CONSTRAINT "visit_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_records" ADD CONSTRAINT "visit_records_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "external_references_entity_idx" ON "external_references" USING btree ("school_id","entity","entity_id");--> statement-breakpoint
CREATE INDEX "visit_records_school_idx" ON "visit_records" USING btree ("school_id","kind","occurred_at");--> statement-breakpoint
-- hand-written: a CPOMS/MyConcern reference once recorded is part of the record's history: a correction is a new row.
CREATE OR REPLACE FUNCTION doorstep_external_references_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused): record a new reference instead', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER external_references_no_update BEFORE UPDATE OR DELETE ON external_references
  FOR EACH ROW EXECUTE FUNCTION doorstep_external_references_append_only();
--> statement-breakpoint
CREATE TRIGGER external_references_no_truncate BEFORE TRUNCATE ON external_references
  FOR EACH STATEMENT EXECUTE FUNCTION doorstep_external_references_append_only();
