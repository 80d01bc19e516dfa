ALTER TABLE "visits" ADD COLUMN "background_checked_by" uuid;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "background_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "background_note" text;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_background_checked_by_users_id_fk" FOREIGN KEY ("background_checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;