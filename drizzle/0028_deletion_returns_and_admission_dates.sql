CREATE TABLE "deletion_grounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"ground" text NOT NULL,
	"met_on" date NOT NULL,
	"detail" text,
	"recorded_by" uuid NOT NULL,
	"recorded_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "la_joint_enquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"episode_key" text NOT NULL,
	"la_officer" text NOT NULL,
	"made_on" date NOT NULL,
	"what" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pupils" ADD COLUMN "admitted_on" date;--> statement-breakpoint
ALTER TABLE "deletion_grounds" ADD CONSTRAINT "deletion_grounds_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_grounds" ADD CONSTRAINT "deletion_grounds_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_grounds" ADD CONSTRAINT "deletion_grounds_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "la_joint_enquiries" ADD CONSTRAINT "la_joint_enquiries_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "la_joint_enquiries" ADD CONSTRAINT "la_joint_enquiries_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "la_joint_enquiries" ADD CONSTRAINT "la_joint_enquiries_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deletion_grounds_uq" ON "deletion_grounds" USING btree ("school_id","pupil_id","ground","met_on");--> statement-breakpoint
CREATE INDEX "la_joint_enquiries_episode_idx" ON "la_joint_enquiries" USING btree ("school_id","pupil_id","episode_key");