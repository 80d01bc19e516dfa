/**
 * The Today page's "visits to consider" (burgh 6.4, 6.5): the policy's
 * discretionary occasions for a visit, for children absent today whom the action
 * list does not already name. Read from today's marks and the school year's.
 */
import { and, count, eq, gte, inArray, lte } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { pupils, registerMarks } from "../../db/schema";
import { schoolYearStart } from "../../domain/attendance/attendance-summary";
import { classifyCode, isAttending, isAttendanceCode, isCounted } from "../../domain/attendance/codes";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { absentToday, visitsToConsider, type VisitToConsider } from "../../domain/attendance/visits-to-consider";
import type { PolicyTemplate } from "../../domain/policy";
import { policyInForce } from "../policy/school-policy";
import type { DayList } from "./actions-for-day";

export interface VisitToConsiderView extends VisitToConsider {
  pupil: { id: string; firstName: string; lastName: string; yearGroup: string | null };
}

/** For the day's list `list`: the children it does not name whom the policy in force that day says a visit may be considered for. */
export async function visitsToConsiderBeside(db: Executor, list: DayList): Promise<VisitToConsiderView[]> {
  if (!list.schoolDay) return [];
  const { policy } = await policyInForce(db, list.schoolId, list.day);
  const listed = new Set(list.households.flatMap((h) => h.pupils.filter((p) => p.actions.length > 0).map((p) => p.pupil.upn)));
  return visitsToConsiderForDay(db, list.schoolId, list.day, policy, listed);
}

export async function visitsToConsiderForDay(db: Executor, schoolId: string, day: IsoDate, policy: PolicyTemplate, alreadyListed: ReadonlySet<string>): Promise<VisitToConsiderView[]> {
  if (policy.considerations.length === 0) return [];
  const today = await db.select({ pupilId: registerMarks.pupilId, code: registerMarks.code }).from(registerMarks).where(and(eq(registerMarks.schoolId, schoolId), eq(registerMarks.day, day)));
  const codesToday = new Map<string, string[]>();
  for (const m of today) codesToday.set(m.pupilId, [...(codesToday.get(m.pupilId) ?? []), m.code]);
  const absent = [...codesToday].filter(([, codes]) => absentToday(codes)).map(([id]) => id);
  if (absent.length === 0) return [];
  const [rows, year] = await Promise.all([
    db.select().from(pupils).where(and(eq(pupils.schoolId, schoolId), inArray(pupils.id, absent))),
    db
      .select({ pupilId: registerMarks.pupilId, code: registerMarks.code, n: count() })
      .from(registerMarks)
      .where(and(eq(registerMarks.schoolId, schoolId), inArray(registerMarks.pupilId, absent), gte(registerMarks.day, schoolYearStart(day)), lte(registerMarks.day, day)))
      .groupBy(registerMarks.pupilId, registerMarks.code),
  ]);
  const sessions = new Map<string, { possible: number; attended: number }>();
  for (const r of year) {
    if (!isAttendanceCode(r.code)) continue;
    const cls = classifyCode(r.code);
    if (!isCounted(cls)) continue;
    const s = sessions.get(r.pupilId) ?? { possible: 0, attended: 0 };
    s.possible += r.n;
    if (isAttending(cls)) s.attended += r.n;
    sessions.set(r.pupilId, s);
  }
  const byUpn = new Map(rows.map((p) => [p.upn, p]));
  const found = visitsToConsider(
    policy.considerations,
    rows.map((p) => ({ upn: p.upn, todaysCodes: codesToday.get(p.id) ?? [], possibleSessions: sessions.get(p.id)?.possible ?? 0, attendedSessions: sessions.get(p.id)?.attended ?? 0, vulnerabilities: p.vulnerabilities })),
    alreadyListed,
  );
  return found
    .map((f) => {
      const p = byUpn.get(f.upn)!;
      return { ...f, pupil: { id: p.id, firstName: p.firstName, lastName: p.lastName, yearGroup: p.yearGroup } };
    })
    .sort((a, b) => a.pupil.lastName.localeCompare(b.pupil.lastName) || a.pupil.firstName.localeCompare(b.pupil.firstName));
}
