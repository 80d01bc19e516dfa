/** Holidays, INSET days and closures per school: what makes a weekday not a school day. */
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { Database, Executor } from "../../db/client";
import { nonSchoolDays } from "../../db/schema";
import { InvalidInput } from "../../domain/errors";
import { epochDayOf, isWeekend, toIsoDate } from "../../domain/attendance/iso-date";
import { parseMarkDate } from "../../domain/attendance/mark-rows";
import { unsafeTextProblem } from "../../domain/text-safety";
import { writeAudited, type Actor } from "../audit/write-audited";
import { schoolDate } from "../../domain/attendance/school-date";
import { CLOSURE_KINDS, type ClosureKind } from "../../domain/attendance/closure-kinds";


export const ClosureRangeSchema = z.object({
  from: schoolDate(),
  to: schoolDate(),
  kind: z.enum(CLOSURE_KINDS),
  label: z.string().trim().max(200).optional(),
});
export type ClosureRange = z.infer<typeof ClosureRangeSchema>;

export async function listClosures(db: Executor, schoolId: string, from: string, to: string) {
  return db
    .select({ day: nonSchoolDays.day, kind: nonSchoolDays.kind, label: nonSchoolDays.label })
    .from(nonSchoolDays)
    .where(and(eq(nonSchoolDays.schoolId, schoolId), gte(nonSchoolDays.day, from), lte(nonSchoolDays.day, to)))
    .orderBy(asc(nonSchoolDays.day));
}

/** Weekdays of the ranges (weekends are never school days and need no row). */
function weekdaysOf(ranges: ClosureRange[]) {
  const days: { day: string; kind: ClosureKind; label: string | null }[] = [];
  ranges.forEach((r, i) => {
    if (r.to < r.from) throw new InvalidInput(`ranges[${i}].to`, `${r.to} is before ${r.from}`);
    if (epochDayOf(r.to) - epochDayOf(r.from) > 366) throw new InvalidInput(`ranges[${i}].to`, "a closure longer than a year is not a calendar");
    // By day number, not text: the bound above keeps this at most 367 turns.
    for (let d = epochDayOf(r.from), end = epochDayOf(r.to); d <= end; d++) if (!isWeekend(d)) days.push({ day: toIsoDate(d), kind: r.kind, label: r.label ?? null });
  });
  return days;
}

/** Adds or replaces closures; the same ranges twice change nothing (and leave no audit event). */
export async function saveClosures(db: Database, actor: Actor, schoolId: string, ranges: ClosureRange[], source: string) {
  const days = weekdaysOf(ranges);
  if (days.length === 0) return { days: 0, changed: 0 };
  const before = await db.select().from(nonSchoolDays).where(and(eq(nonSchoolDays.schoolId, schoolId), inArray(nonSchoolDays.day, days.map((d) => d.day))));
  const known = new Map(before.map((e) => [e.day, `${e.kind}|${e.label ?? ""}`]));
  if (days.every((d) => known.get(d.day) === `${d.kind}|${d.label ?? ""}`)) return { days: days.length, changed: 0 };
  return writeAudited(db, actor, async (tx, audit) => {
    const existing = days.length
      ? await tx.select().from(nonSchoolDays).where(and(eq(nonSchoolDays.schoolId, schoolId), inArray(nonSchoolDays.day, days.map((d) => d.day))))
      : [];
    const same = new Map(existing.map((e) => [e.day, `${e.kind}|${e.label ?? ""}`]));
    const changed = days.filter((d) => same.get(d.day) !== `${d.kind}|${d.label ?? ""}`);
    for (const d of changed) {
      await tx
        .insert(nonSchoolDays)
        .values({ schoolId, ...d })
        .onConflictDoUpdate({ target: [nonSchoolDays.schoolId, nonSchoolDays.day], set: { kind: d.kind, label: d.label } });
    }
    await audit({ action: "calendar_changed", entity: "school_calendar", entityId: schoolId, schoolId, after: { source, ranges, daysChanged: changed.length } });
    return { days: days.length, changed: changed.length };
  });
}

export async function reopenDay(db: Database, actor: Actor, schoolId: string, day: string) {
  const [closed] = await db.select().from(nonSchoolDays).where(and(eq(nonSchoolDays.schoolId, schoolId), eq(nonSchoolDays.day, day)));
  if (!closed) return { removed: 0 };
  return writeAudited(db, actor, async (tx, audit) => {
    const gone = await tx.delete(nonSchoolDays).where(and(eq(nonSchoolDays.schoolId, schoolId), eq(nonSchoolDays.day, day))).returning();
    await audit({ action: "calendar_day_reopened", entity: "school_calendar", entityId: schoolId, schoolId, before: gone[0] ?? null });
    return { removed: gone.length };
  });
}

/**
 * Term-date files: `from,to,kind,label` (or `date,kind,label` for single days).
 * Dates as YYYY-MM-DD or DD/MM/YYYY; a bad line refuses the whole file.
 */
export function parseTermDates(text: string): ClosureRange[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new InvalidInput("file", `could not be read as CSV: ${(e as Error).message}`);
  }
  if (records.length === 0) throw new InvalidInput("file", "the file has no term dates (a header line, then one line per closure); nothing was imported");
  return records.map((r, i) => {
    const line = i + 2;
    const from = parseMarkDate(r.from ?? r.start ?? r.date ?? "");
    const to = parseMarkDate(r.to ?? r.end ?? r.date ?? "");
    const refuse = (column: string, why: string) => {
      throw new InvalidInput(`line ${line}, column ${column}`, `${why}; nothing was imported`);
    };
    if (!from) refuse(r.from !== undefined ? "from" : r.start !== undefined ? "start" : "date", `"${r.from ?? r.start ?? r.date ?? ""}" is not a date`);
    if (!to) refuse(r.to !== undefined ? "to" : r.end !== undefined ? "end" : "date", `"${r.to ?? r.end ?? r.date ?? ""}" is not a date`);
    const kind = (r.kind ?? "holiday").toLowerCase().replace(/[\s-]/g, "_");
    if (!(CLOSURE_KINDS as readonly string[]).includes(kind)) refuse("kind", `"${r.kind}" is not one of ${CLOSURE_KINDS.join(", ")}`);
    const label = r.label || r.name || undefined;
    const labelColumn = r.label ? "label" : "name";
    const unsafe = label === undefined ? null : unsafeTextProblem(label);
    if (unsafe) refuse(labelColumn, unsafe);
    if (label && label.length > 200) refuse(labelColumn, `is ${label.length} characters long; at most 200 are kept`);
    return { from: from!, to: to!, kind: kind as ClosureKind, label };
  });
}
