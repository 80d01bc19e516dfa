/**
 * Email for safety alerts, on top of the board and the in-app notices: the office
 * for a missed check-in, senior leaders when it escalates, everyone on the board
 * list for an alarm. The email names the staff and the address, never the child.
 * The push to the same people's devices says less (it shows on a lock screen and
 * passes through the browser maker's push service): the level and the staff, no
 * address, no child.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { safetyAlerts, userRoles, users, visits, visitTeam } from "../../db/schema";
import type { Role } from "../../domain/people/roles";
import type { Mailer } from "../notify/mailer";
import { requireDelivered, type PushSender } from "../notify/push";
import { policyInForce } from "../policy/school-policy";
import { alarmHeadline } from "../../domain/safety/danger-procedure";

export type AlertDeliveryLevel = "amber" | "red" | "police" | "alarm";

const RECIPIENTS: Record<AlertDeliveryLevel, Role[]> = {
  amber: ["office"],
  red: ["headteacher", "dsl", "deputy_dsl"],
  police: ["headteacher", "dsl"],
  alarm: ["office", "headteacher", "dsl", "deputy_dsl"],
};

/**
 * Who an alert level goes to, the team it is about and where they are: one look-up
 * for both the email and the push of a level.
 */
async function alertAudience(db: Executor, alertId: string, level: AlertDeliveryLevel) {
  const [alert] = await db
    .select({ schoolId: safetyAlerts.schoolId, visitId: safetyAlerts.visitId, dueAt: safetyAlerts.dueAt, address: visits.address, day: visits.day })
    .from(safetyAlerts)
    .innerJoin(visits, eq(visits.id, safetyAlerts.visitId))
    .where(eq(safetyAlerts.id, alertId));
  if (!alert) return null;
  const team = await db.select({ name: users.name, mobile: users.mobile }).from(visitTeam).innerJoin(users, eq(users.id, visitTeam.userId)).where(eq(visitTeam.visitId, alert.visitId));
  const to = await db
    .select({ userId: users.id, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.schoolId, alert.schoolId), inArray(userRoles.role, RECIPIENTS[level])));
  // An alarm says what the policy in force for the visit asks of the office (coteford 2.8, scargill, hunsbury-park 2, …).
  const danger = level === "alarm" ? (await policyInForce(db, alert.schoolId, alert.day)).policy.conduct.immediateDanger : null;
  return { alert, team, to, danger };
}

/** Emails one alert level. Throws when the SMTP server refuses or cannot be reached: the outbox tries again. */
export async function emailAlert(db: Executor, mailer: Mailer, alertId: string, level: AlertDeliveryLevel): Promise<"sent" | "not_configured"> {
  if (!mailer.configured) return "not_configured";
  const audience = await alertAudience(db, alertId, level);
  if (!audience) return "sent";
  const { alert, team, to, danger } = audience;
  const who = team.map((t) => `${t.name}${t.mobile ? ` (${t.mobile})` : ""}`).join(" and ");
  const subject =
    danger ? alarmHeadline(danger.value) : level === "police" ? `Call the police: no word from ${team.map((t) => t.name).join(" and ")}` : level === "red" ? `Escalated: no word from a home visit` : `Check-in overdue on a home visit`;
  const text = `${subject}\n\n${danger ? `${danger.value.office}\n\n` : ""}Staff: ${who}\nAddress: ${alert.address ?? "not recorded"}\n${alert.dueAt ? `Check-in was due: ${alert.dueAt.toISOString()}\n` : ""}\nOpen the office board in Doorstep for the vehicle, the last check-in and the location.`;
  await mailer.send({ to: [...new Set(to.map((t) => t.email))], subject, text });
  return "sent";
}

const PUSH_TITLES: Record<AlertDeliveryLevel, string> = {
  amber: "Check-in overdue on a home visit",
  red: "Escalated: no word from a home visit",
  police: "Call the police: no word from a home visit",
  /** The policy's headline (alarmHeadline) replaces this; kept for an alarm whose visit is gone. */
  alarm: "IMMEDIATE DANGER on a home visit",
};

/** Pushes a safety alert to the devices of the people its email goes to. Throws when the push fails: the outbox tries again. */
/** Throws PushUndelivered when devices there were and none took it, so the outbox tries again. */
export async function pushAlert(db: Executor, push: PushSender, alertId: string, level: AlertDeliveryLevel): Promise<"sent" | "no_devices"> {
  const audience = await alertAudience(db, alertId, level);
  if (!audience) return "sent";
  const who = audience.team.map((t) => t.name).join(" and ");
  const result = await push([...new Set(audience.to.map((t) => t.userId))], {
    title: audience.danger ? alarmHeadline(audience.danger.value) : PUSH_TITLES[level],
    body: `${who ? `Staff: ${who}. ` : ""}Open the office board in Doorstep.`,
    link: "/board",
    tag: `safety-alert-${alertId}`,
  });
  return requireDelivered(result);
}
