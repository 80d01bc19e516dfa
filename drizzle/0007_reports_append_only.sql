-- A submitted visit report is a dated, factual record: it is never edited or removed, only added to.
CREATE OR REPLACE FUNCTION doorstep_report_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused): add an addendum instead', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER visit_reports_no_update BEFORE UPDATE OR DELETE ON visit_reports
  FOR EACH ROW EXECUTE FUNCTION doorstep_report_append_only();
--> statement-breakpoint
CREATE TRIGGER visit_report_addenda_no_update BEFORE UPDATE OR DELETE ON visit_report_addenda
  FOR EACH ROW EXECUTE FUNCTION doorstep_report_append_only();
