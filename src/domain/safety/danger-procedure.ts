/**
 * The immediate-danger procedure as each policy says it: who calls the police,
 * what the phone and the office are told, and the report asked for afterwards.
 * Pure; the words themselves are template data.
 */
import type { ImmediateDanger, VisitConduct } from "../policy/template";

/** The alarm's headline for the office (board, notice, email subject, push), by who calls the police. */
export function alarmHeadline(danger: Pick<ImmediateDanger, "policeCalledBy">): string {
  switch (danger.policeCalledBy) {
    case "office":
      return "IMMEDIATE DANGER on a home visit: call the police now";
    case "staff":
      return "IMMEDIATE DANGER on a home visit: staff call the police";
    case "not_stated":
      return "IMMEDIATE DANGER on a home visit: phone the staff now";
  }
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
