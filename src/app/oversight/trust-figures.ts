/**
 * Every school of a trust side by side on the same figures (issue 16), each
 * read by schoolRowFigures (schoolFigures less what no column shows) for the
 * school's own range, so a row is what the school's governors' report says. The trust sees no child: counts from 1 to 4
 * are "fewer than 5", and no row carries a name.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { trusts } from "../../db/schema";
import type { Period } from "../../domain/attendance/compliance-periods";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { suppressSmall, type SuppressedCount } from "../../domain/attendance/small-numbers";
import { NotFound } from "../../domain/errors";
import { rangeAsked, TRUST_CONCURRENCY } from "../attendance/compliance-for-range";
import { boundedMap } from "../bounded-map";
import { schoolRowFigures } from "./school-figures";
import { schoolsOfTrust } from "../people/find-school";

export interface TrustSchoolRow {
  schoolId: string;
  schoolName: string;
  from: IsoDate;
  to: IsoDate;
  pupils: SuppressedCount;
  attendancePercent: number | null;
  persistentlyAbsent: SuppressedCount;
  severelyAbsent: SuppressedCount;
  episodes: SuppressedCount;
  /** Closed on their first day over all episodes, one decimal; null without an episode. */
  onTimePercent: number | null;
  closedLater: SuppressedCount;
  open: SuppressedCount;
  unseenChildren: SuppressedCount;
  visits: SuppressedCount;
  cancelled: SuppressedCount;
  checkInsMissed: SuppressedCount;
  alarms: SuppressedCount;
  casesReviewed: SuppressedCount;
}

export type RangeAsk = { period?: Period; from?: IsoDate; to?: IsoDate };

export async function trustSchools(db: Executor, trustId: string | null | undefined) {
  return trustId ? schoolsOfTrust(db, trustId) : [];
}

/** A school of the trust, or NotFound: a trust administrator drills into their own trust's schools only. */
export async function schoolOfTrust(db: Executor, trustId: string | null | undefined, schoolId: string) {
  const found = (await trustSchools(db, trustId)).find((s) => s.id === schoolId);
  if (!found) throw new NotFound("school of this trust", "schoolId");
  return found;
}

export async function trustFigures(db: Executor, trustId: string | null | undefined, asked: RangeAsk, today: IsoDate): Promise<TrustSchoolRow[]> {
  const inTrust = await trustSchools(db, trustId);
  const figures = await boundedMap(inTrust, TRUST_CONCURRENCY, async (school) => {
    const range = await rangeAsked(db, school.id, asked, today);
    return { range, f: await schoolRowFigures(db, school.id, range.from, range.to) };
  });
  const out: TrustSchoolRow[] = [];
  for (const [i, school] of inTrust.entries()) {
    const { range, f } = figures[i]!;
    const kinds = Object.values(f.compliance.summary);
    const sum = (k: "episodes" | "closedOnFirstDay" | "closedLater" | "open") => kinds.reduce((n, s) => n + s[k], 0);
    const episodes = sum("episodes");
    const visits = f.visits.byPurposeAndOutcome.reduce((n, v) => n + v.count, 0);
    const s = suppressSmall;
    out.push({
      schoolId: school.id,
      schoolName: school.name,
      from: range.from,
      to: range.to,
      pupils: s(f.attendance.whole.pupils),
      attendancePercent: f.attendance.whole.pupils >= 5 ? f.attendance.whole.attendancePercent : null,
      persistentlyAbsent: s(f.attendance.whole.persistentlyAbsent),
      severelyAbsent: s(f.attendance.whole.severelyAbsent),
      episodes: s(episodes),
      onTimePercent: episodes === 0 ? null : Math.round((1000 * sum("closedOnFirstDay")) / episodes) / 10,
      closedLater: s(sum("closedLater")),
      open: s(sum("open")),
      unseenChildren: s(f.compliance.unseen.length),
      visits: s(visits),
      cancelled: s(f.visits.cancellations.reduce((n, c) => n + c.count, 0)),
      checkInsMissed: s(f.safety.checkInsMissed),
      alarms: s(f.safety.alarms),
      casesReviewed: s(f.caseSampling.reviewed),
    });
  }
  return out;
}

/** The columns, in order, with what each counts: the page and the PDF both print these. */
export const TRUST_COLUMNS: { key: Exclude<keyof TrustSchoolRow, "schoolId" | "from" | "to">; label: string; definition: string }[] = [
  { key: "schoolName", label: "School", definition: "The school, over its own range (calendars differ across a trust)." },
  { key: "pupils", label: "Pupils", definition: "Pupils on roll." },
  { key: "attendancePercent", label: "Attendance %", definition: "Sessions attended over possible sessions, as the DfE counts them." },
  { key: "persistentlyAbsent", label: "Persistently absent", definition: "Pupils missing 10% or more of possible sessions in the range." },
  { key: "severelyAbsent", label: "Severely absent", definition: "Pupils missing 50% or more of possible sessions in the range." },
  { key: "episodes", label: "Action episodes", definition: "Actions the morning list held on consecutive days, replayed from the records." },
  { key: "onTimePercent", label: "Closed on first day %", definition: "Episodes closed on the day they were first listed, over all episodes." },
  { key: "closedLater", label: "Closed late", definition: "Episodes closed after their first day." },
  { key: "open", label: "Still open", definition: "Episodes still listed on the range's last day." },
  { key: "unseenChildren", label: "Unseen too long", definition: "Children listed for an eyes-on visit (not seen for longer than the policy allows)." },
  { key: "visits", label: "Visits", definition: "Visits with a day in the range." },
  { key: "cancelled", label: "Cancelled", definition: "Visits in the range that were cancelled." },
  { key: "checkInsMissed", label: "Check-ins missed", definition: "Overdue alerts: a check-in that did not come in time." },
  { key: "alarms", label: "Alarms", definition: "Alarms raised by a visitor." },
  { key: "casesReviewed", label: "Cases reviewed", definition: "Sampled visits in the range the head or DSL reviewed against the policy." },
];

export function trustCell(row: TrustSchoolRow, key: (typeof TRUST_COLUMNS)[number]["key"]): string {
  const v = row[key];
  if (v === null) return "–";
  if (key === "attendancePercent" || key === "onTimePercent") return `${v}%`;
  return String(v);
}

export async function trustName(db: Executor, trustId: string | null | undefined): Promise<string> {
  if (!trustId) return "";
  return (await db.select({ name: trusts.name }).from(trusts).where(eq(trusts.id, trustId)))[0]?.name ?? "";
}
