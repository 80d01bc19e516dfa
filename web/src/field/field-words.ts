/** The field view's sentences made from what the phone knows: pure, so they are tested without a browser. */
import { rhythm } from "./rhythm";
import type { FieldView } from "./types";

/** The line that says what is still on this phone. */
export function outboxText(waiting: number, sending: boolean, persistent: boolean): string {
  const said =
    waiting > 0
      ? `${waiting} step${waiting === 1 ? "" : "s"} waiting for signal${sending ? ": sending…" : ". They will be sent as soon as the phone has signal."}`
      : "Nothing waiting for signal: every step has reached the office.";
  return persistent ? said : `${said} This browser cannot keep steps if it is closed: keep this page open.`;
}

/** The policy's check-in rule in one sentence. */
export function checkInRule(c: NonNullable<FieldView["rules"]["checkIns"]>): string {
  const when = [c.beforeVisit && "before you set off", c.onArrival && "when you arrive", c.everyMinutes && `every ${rhythm(c.everyMinutes)} while there`, c.afterVisit && "when you leave and when you are back"].filter(Boolean);
  return `Check in with the office ${when.join(", ") || "as agreed"} (${c.clause}).`;
}

/** Before the alarm: who calls the police under the school's policy. */
export const POLICE_CALLER: Record<"staff" | "office" | "not_stated", string> = {
  staff: "In immediate danger you call the police yourself; the alarm tells the office.",
  office: "In immediate danger the alarm tells the office, and the office calls the police.",
  not_stated: "In immediate danger get yourself out; the alarm tells the office. Call 999 if you need help.",
};

/** Where the alarm is, once raised. */
export function alarmText(alarm: { at: string; sent: boolean; waiting: boolean }, clock: (iso: string) => string): string {
  if (alarm.sent) return `The office board has the alarm (raised at ${clock(alarm.at)}).`;
  return alarm.waiting ? "The alarm is waiting for signal and will be sent the moment there is any. Call 999 now." : "Sending the alarm to the office…";
}

/** "Steps so far (5, 2 check-ins)": check-ins counted once the office has them. */
export function historySummary(timeline: readonly { step: string; waiting: boolean }[]): string {
  const checkIns = timeline.filter((t) => t.step === "check_in" && !t.waiting).length;
  return `Steps so far (${timeline.length}${checkIns ? `, ${checkIns} check-in${checkIns === 1 ? "" : "s"}` : ""})`;
}
