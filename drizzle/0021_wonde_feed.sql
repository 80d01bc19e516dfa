CREATE TABLE "wonde_feeds" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"wonde_school_id" text NOT NULL,
	"base_url" text NOT NULL,
	"token_ciphertext" text NOT NULL,
	"state" text DEFAULT 'connected' NOT NULL,
	"watermark" timestamp with time zone,
	"syncing_since" timestamp with time zone,
	"progress" text,
	"last_sync_at" timestamp with time zone,
	"last_rows" integer,
	"last_marks_changed" integer,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"connected_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pupils" ADD COLUMN "left_on" date;--> statement-breakpoint
ALTER TABLE "pupils" ADD COLUMN "wonde_id" text;--> statement-breakpoint
ALTER TABLE "wonde_feeds" ADD CONSTRAINT "wonde_feeds_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;