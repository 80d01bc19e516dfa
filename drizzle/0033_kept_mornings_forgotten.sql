-- The compliance replay's kept mornings (src/db/schema/kept-mornings.ts) are forgotten
-- by the database itself when a record they were made from changes, whichever
-- code path writes it: each table the replay reads has statement triggers that,
-- in the writer's transaction, bump the school's version in kept_replay_versions
-- and delete the school's kept mornings from the earliest day the change touches
-- (a morning replays what was recorded on or before it, so earlier mornings stand).
-- A change to a pupil touches every morning (the roll and the vulnerable flag).
-- TG_ARGV: [0] the day a changed row touches, over the row "c"; [1] the key an
-- update's old and new rows are matched on; [2] when an updated row counts.
-- The version is bumped first: a keeper holding the school's row is waited for, and
-- the delete after it (a statement of its own, so a snapshot of its own) sees
-- whatever that keeper committed.
CREATE OR REPLACE FUNCTION doorstep_forget_kept_mornings_from(school_ids uuid[], from_days date[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF school_ids IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO kept_replay_versions (school_id, version) SELECT unnest(school_ids), 1
    ON CONFLICT (school_id) DO UPDATE SET version = kept_replay_versions.version + 1;
  DELETE FROM kept_mornings k USING unnest(school_ids, from_days) AS c(school_id, day)
    WHERE k.school_id = c.school_id AND k.day >= c.day;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION doorstep_forget_kept_mornings() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  changed_rows text;
  school_ids uuid[];
  from_days date[];
BEGIN
  changed_rows := CASE TG_OP
    WHEN 'INSERT' THEN 'select * from new_rows'
    WHEN 'DELETE' THEN 'select * from old_rows'
    ELSE format('select n.* from new_rows n join old_rows o using (%1$s) where %2$s union all select o.* from new_rows n join old_rows o using (%1$s) where %2$s', TG_ARGV[1], TG_ARGV[2])
  END;
  EXECUTE format('select array_agg(school_id order by school_id), array_agg(day order by school_id) from (select c.school_id, min(%s) as day from (%s) c group by c.school_id) x', TG_ARGV[0], changed_rows)
    INTO school_ids, from_days;
  PERFORM doorstep_forget_kept_mornings_from(school_ids, from_days);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- A child's outcome on a visit touches the mornings from the visit's day.
CREATE OR REPLACE FUNCTION doorstep_forget_kept_mornings_by_visit() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  changed_rows text;
  school_ids uuid[];
  from_days date[];
BEGIN
  changed_rows := CASE TG_OP
    WHEN 'INSERT' THEN 'select visit_id from new_rows'
    WHEN 'DELETE' THEN 'select visit_id from old_rows'
    ELSE 'select n.visit_id from new_rows n join old_rows o using (visit_id, pupil_id) where n.outcome is distinct from o.outcome'
  END;
  EXECUTE format('select array_agg(school_id order by school_id), array_agg(day order by school_id) from (select v.school_id, min(v.day) as day from (%s) c join visits v on v.id = c.visit_id group by v.school_id) x', changed_rows)
    INTO school_ids, from_days;
  PERFORM doorstep_forget_kept_mornings_from(school_ids, from_days);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION doorstep_forget_all_kept_mornings() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  update kept_replay_versions set version = version + 1;
  delete from kept_mornings;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- The tables the replay reads: the day a changed row touches, the key, and when an update counts.
DO $do$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('register_marks', 'c.day', 'pupil_id, day, session', 'n.code is distinct from o.code'),
      ('contact_attempts', 'c.day', 'id', 'true'),
      ('sightings', 'c.day', 'id', 'true'),
      ('visits', 'c.day', 'id', 'n.day is distinct from o.day or n.school_id is distinct from o.school_id'),
      ('non_school_days', 'c.day', 'school_id, day', 'true'),
      ('school_policies', 'c.effective_from', 'school_id, version', 'true'),
      ('referrals', 'c.opened_on', 'id', 'n.opened_on is distinct from o.opened_on or n.kind is distinct from o.kind or n.pupil_id is distinct from o.pupil_id or n.school_id is distinct from o.school_id'),
      ('pupils', 'date ''-infinity''', 'id', 'n.upn is distinct from o.upn or n.vulnerabilities is distinct from o.vulnerabilities or n.left_on is distinct from o.left_on or n.admitted_on is distinct from o.admitted_on or n.school_id is distinct from o.school_id')
    ) AS x(name, day, key, counts)
  LOOP
    EXECUTE format('CREATE TRIGGER %1$s_forget_kept_on_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION doorstep_forget_kept_mornings(%2$L, %3$L, %4$L)', t.name, t.day, t.key, t.counts);
    EXECUTE format('CREATE TRIGGER %1$s_forget_kept_on_update AFTER UPDATE ON %1$I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION doorstep_forget_kept_mornings(%2$L, %3$L, %4$L)', t.name, t.day, t.key, t.counts);
    EXECUTE format('CREATE TRIGGER %1$s_forget_kept_on_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION doorstep_forget_kept_mornings(%2$L, %3$L, %4$L)', t.name, t.day, t.key, t.counts);
  END LOOP;
  -- A child's outcome on a visit: the visit's day.
  CREATE TRIGGER visit_pupils_forget_kept_on_insert AFTER INSERT ON visit_pupils REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION doorstep_forget_kept_mornings_by_visit();
  CREATE TRIGGER visit_pupils_forget_kept_on_update AFTER UPDATE ON visit_pupils REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION doorstep_forget_kept_mornings_by_visit();
  CREATE TRIGGER visit_pupils_forget_kept_on_delete AFTER DELETE ON visit_pupils REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION doorstep_forget_kept_mornings_by_visit();
  FOR t IN SELECT unnest(ARRAY['register_marks', 'contact_attempts', 'sightings', 'visits', 'visit_pupils', 'non_school_days', 'school_policies', 'referrals', 'pupils']) AS name
  LOOP
    EXECUTE format('CREATE TRIGGER %1$s_forget_kept_on_truncate AFTER TRUNCATE ON %1$I FOR EACH STATEMENT EXECUTE FUNCTION doorstep_forget_all_kept_mornings()', t.name);
  END LOOP;
END
$do$;
