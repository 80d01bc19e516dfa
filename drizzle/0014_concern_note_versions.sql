CREATE TABLE "concern_note_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"concern_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"dsl_notes" text,
	"status_before" text NOT NULL,
	"status" text NOT NULL,
	"external_ref" text,
	"written_by" uuid,
	"written_name" text NOT NULL,
	"written_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "concern_note_versions" ADD CONSTRAINT "concern_note_versions_concern_id_safeguarding_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."safeguarding_concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_note_versions" ADD CONSTRAINT "concern_note_versions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_note_versions" ADD CONSTRAINT "concern_note_versions_written_by_users_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "concern_note_versions_uq" ON "concern_note_versions" USING btree ("concern_id","version");--> statement-breakpoint
-- hand-written: the notes a DSL saved before versions were kept become each concern's first version, so none is lost.
INSERT INTO "concern_note_versions" ("concern_id", "school_id", "version", "dsl_notes", "status_before", "status", "external_ref", "written_by", "written_name", "written_at")
  SELECT c."id", c."school_id", 1, c."dsl_notes", 'received', c."status", c."external_ref", c."decided_by",
         coalesce(u."name", 'not recorded (saved before versions were kept)'), coalesce(c."updated_at", c."raised_at")
  FROM "safeguarding_concerns" c LEFT JOIN "users" u ON u."id" = c."decided_by"
  WHERE c."dsl_notes" IS NOT NULL OR c."external_ref" IS NOT NULL OR c."status" <> 'received' OR c."decided_by" IS NOT NULL;
--> statement-breakpoint
-- hand-written: a saved version of a DSL's record is evidence: it is added to, never rewritten or removed.
CREATE OR REPLACE FUNCTION doorstep_concern_notes_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused): save a new version instead', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER concern_note_versions_no_update BEFORE UPDATE OR DELETE ON concern_note_versions
  FOR EACH ROW EXECUTE FUNCTION doorstep_concern_notes_append_only();
--> statement-breakpoint
CREATE TRIGGER concern_note_versions_no_truncate BEFORE TRUNCATE ON concern_note_versions
  FOR EACH STATEMENT EXECUTE FUNCTION doorstep_concern_notes_append_only();
