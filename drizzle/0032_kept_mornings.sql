CREATE TABLE "kept_closures" (
	"school_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pupil_id" uuid NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "kept_closures_school_id_day_pupil_id_action_pk" PRIMARY KEY("school_id","day","pupil_id","action"),
	CONSTRAINT "kept_closures_action_ck" CHECK ("kept_closures"."action" in ('contact_parents', 'safe_and_well_visit', 'eyes_on_visit', 'notify_local_authority', 'consider_cme_referral', 'unannounced_visit', 'legal_threshold_review', 'penalty_notice_review')),
	CONSTRAINT "kept_closures_reason_ck" CHECK ("kept_closures"."reason" in ('child_seen_on_visit', 'visit_made', 'child_seen', 'parent_reached', 'back_in_school', 'referral_recorded', 'rule_no_longer_applies'))
);
--> statement-breakpoint
CREATE TABLE "kept_morning_actions" (
	"school_id" uuid NOT NULL,
	"day" date NOT NULL,
	"position" integer NOT NULL,
	"pupil_id" uuid NOT NULL,
	"action" text NOT NULL,
	CONSTRAINT "kept_morning_actions_school_id_day_position_pk" PRIMARY KEY("school_id","day","position"),
	CONSTRAINT "kept_morning_actions_action_ck" CHECK ("kept_morning_actions"."action" in ('contact_parents', 'safe_and_well_visit', 'eyes_on_visit', 'notify_local_authority', 'consider_cme_referral', 'unannounced_visit', 'legal_threshold_review', 'penalty_notice_review'))
);
--> statement-breakpoint
CREATE TABLE "kept_mornings" (
	"school_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kept_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kept_mornings_school_id_day_pk" PRIMARY KEY("school_id","day")
);
--> statement-breakpoint
CREATE TABLE "kept_replay_versions" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kept_closures" ADD CONSTRAINT "kept_closures_school_id_day_kept_mornings_school_id_day_fk" FOREIGN KEY ("school_id","day") REFERENCES "public"."kept_mornings"("school_id","day") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kept_morning_actions" ADD CONSTRAINT "kept_morning_actions_school_id_day_kept_mornings_school_id_day_fk" FOREIGN KEY ("school_id","day") REFERENCES "public"."kept_mornings"("school_id","day") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kept_mornings" ADD CONSTRAINT "kept_mornings_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kept_replay_versions" ADD CONSTRAINT "kept_replay_versions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;