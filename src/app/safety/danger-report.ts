/**
 * transform-trust 2.5: after immediate danger the officer completes a full
 * report. Doorstep asks for it (a notice to the officer and the head when the
 * alarm is raised) and shows it outstanding on the phone and the visit page
 * until an incident report on the visit is filed after the alarm.
 */
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { incidents, safetyAlerts } from "../../db/schema";
import { dangerReportsOutstanding } from "../../domain/safety/danger-procedure";
import type { VisitConduct } from "../../domain/policy/template";
/** The alarms on a visit still without a full report after them (transform-trust 2.5). */
export async function dangerReportStatus(db: Executor, visitId: string, conduct: Pick<VisitConduct, "immediateDanger">) {
  const [alarms, reports] = await Promise.all([
    db.select({ at: safetyAlerts.raisedAt }).from(safetyAlerts).where(and(eq(safetyAlerts.visitId, visitId), eq(safetyAlerts.kind, "alarm"))),
    db.select({ at: incidents.createdAt }).from(incidents).where(eq(incidents.visitId, visitId)),
  ]);
  const outstanding = dangerReportsOutstanding(conduct, alarms.map((a) => a.at), reports.map((r) => r.at));
  return { alarms: alarms.length, outstanding: outstanding.length, clause: conduct.immediateDanger.clause };
}
