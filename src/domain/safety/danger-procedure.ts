/**
 * The immediate-danger procedure as each policy says it: who calls the police,
 * what the phone and the office are told, and the report asked for afterwards.
 * Pure; the words themselves are template data.
 */
import type { ImmediateDanger, VisitConduct } from "../policy/template";

/** What the office must do first when an alarm comes in, by who calls the police (the board's alarm line). */
export function alarmAction(danger: Pick<ImmediateDanger, "policeCalledBy">): string {
  switch (danger.policeCalledBy) {
    case "office":
      return "call the police now";
    case "staff":
      return "staff call the police";
    case "not_stated":
      return "phone the staff now";
  }
}

/** The alarm's headline for the office (notice, email subject, push). */
export function alarmHeadline(danger: Pick<ImmediateDanger, "policeCalledBy">): string {
  return `IMMEDIATE DANGER on a home visit: ${alarmAction(danger)}`;
}

/**
 * Under a policy that asks for a full report after immediate danger
 * (transform-trust 2.5), each alarm needs an incident report on the visit filed
 * at or after it; the alarms still without one are outstanding.
 */
export function dangerReportsOutstanding(conduct: Pick<VisitConduct, "immediateDanger">, alarmsRaisedAt: readonly Date[], reportsFiledAt: readonly Date[]): Date[] {
  if (!conduct.immediateDanger.value.fullReportRequired) return [];
  const last = reportsFiledAt.reduce<number>((m, d) => Math.max(m, d.getTime()), -Infinity);
  return alarmsRaisedAt.filter((a) => a.getTime() > last);
}
