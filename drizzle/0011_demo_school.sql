ALTER TABLE "schools" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A demo school seeded before this column existed is still the demo.
UPDATE "schools" SET "demo" = true WHERE "name" = 'Burgh Demo Primary School';
