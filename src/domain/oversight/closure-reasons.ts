/**
 * Why each closed episode left the list, read from what was recorded on its
 * last listed day (up to the next school day's morning, when the replay found
 * it gone). Several may hold; the first in CLOSURE_REASONS is counted, most
 * direct first: a child seen on a visit before a parent merely reached.
 */
import { classifyCode, isSeen, type AttendanceCode } from "../attendance/codes";
import type { Episode } from "../attendance/compliance";
import type { LedgerInput } from "../attendance/attendance-ledger";
import { MarkColumns } from "../attendance/mark-columns";
import type { Mark } from "../attendance/evaluation-input";
import { epochDayOf, type IsoDate } from "../attendance/iso-date";

export const CLOSURE_REASONS = ["child_seen_on_visit", "visit_made", "child_seen", "parent_reached", "back_in_school", "referral_recorded", "rule_no_longer_applies"] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export type ClosureRecords = Pick<LedgerInput, "marks" | "contacts" | "sightings" | "visits">;

/**
 * `nextMorning(day)`: the school day after `day` (the morning the episode was
 * found closed). `referralOn(upn, from, before)`: a referral recorded in the
 * window, for the actions a referral answers.
 */
export function closureReasons(
  episodes: readonly Episode[],
  records: ClosureRecords,
  nextMorning: (day: IsoDate) => IsoDate,
  referralOn: (upn: string, from: IsoDate, before: IsoDate) => boolean = () => false,
): Partial<Record<ClosureReason, number>> {
  const reasonOf = closureReasonOf(records, nextMorning, referralOn);
  const counts: Partial<Record<ClosureReason, number>> = {};
  for (const e of episodes) {
    if (!e.closed) continue;
    const reason = reasonOf(e);
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}

/** Why one closed episode left the list: the reason closureReasons counts for it. */
export function closureReasonOf(
  records: ClosureRecords,
  nextMorning: (day: IsoDate) => IsoDate,
  referralOn: (upn: string, from: IsoDate, before: IsoDate) => boolean = () => false,
): (e: Pick<Episode, "upn" | "lastListed">) => ClosureReason {
  const byUpn = <T extends { upn: string }>(rows: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) (m.get(r.upn) ?? m.set(r.upn, []).get(r.upn)!).push(r);
    return m;
  };
  const visits = byUpn(records.visits);
  const sightings = byUpn(records.sightings);
  const contacts = byUpn(records.contacts);
  const seenCode = (code: string) => isSeen(classifyCode(code as AttendanceCode));
  // Marks as columns are read in place; as objects, grouped by child.
  const columns = records.marks instanceof MarkColumns ? records.marks : null;
  const marks = columns ? null : byUpn(records.marks as readonly Mark[]);
  const seenBetween = (upn: string, from: IsoDate, before: IsoDate) =>
    columns ? columns.someMark(upn, epochDayOf(from), epochDayOf(before), seenCode) : (marks!.get(upn) ?? []).some((x) => x.date >= from && x.date < before && seenCode(x.code));
  return (e) => {
    const from = e.lastListed;
    const before = nextMorning(e.lastListed);
    const within = (d: IsoDate) => d >= from && d < before;
    const v = (visits.get(e.upn) ?? []).filter((x) => within(x.date) && x.outcome !== "cancelled");
    if (v.some((x) => x.outcome === "child_seen")) return "child_seen_on_visit";
    if (v.length) return "visit_made";
    if ((sightings.get(e.upn) ?? []).some((x) => within(x.date))) return "child_seen";
    if ((contacts.get(e.upn) ?? []).some((x) => within(x.date) && x.reached)) return "parent_reached";
    if (seenBetween(e.upn, from, before)) return "back_in_school";
    if (referralOn(e.upn, from, before)) return "referral_recorded";
    return "rule_no_longer_applies";
  };
}
