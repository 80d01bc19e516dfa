/**
 * Synthetic data for the benchmark: a school year's calendar, a trust's pupils
 * and their register marks. Everything is derived from a seeded PRNG, so two
 * runs with the same size produce the same files.
 *
 * The marks are written straight to disk as they are made (never held in
 * memory): a canonical `upn,date,session,code` CSV for importMarks and, from the
 * same rows, a COPY text file with the pupils' ids resolved for PostgreSQL's own
 * raw COPY.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { randomUUID } from "node:crypto";
import { addDays, epochDayOf, isWeekend, type IsoDate } from "../src/domain/attendance/iso-date";
import type { PolicyId } from "../src/domain/policy";
import { seededRandom } from "../src/domain/seeded-random";

export const TEMPLATES: readonly PolicyId[] = ["burgh", "scargill", "coteford", "transform-trust", "hunsbury-park"];

/** Small, fast and seedable (mulberry32). */
export const prng = seededRandom;

export interface Closure {
  day: IsoDate;
  kind: "holiday" | "inset" | "bank_holiday";
  label: string;
}

/** An English school year from September 2025: terms, half-terms, INSET days and bank holidays. */
const CLOSURE_RANGES: [IsoDate, IsoDate, Closure["kind"], string][] = [
  ["2025-09-01", "2025-09-01", "inset", "INSET day"],
  ["2025-10-27", "2025-10-31", "holiday", "Autumn half-term"],
  ["2025-12-22", "2026-01-02", "holiday", "Christmas holidays"],
  ["2026-01-05", "2026-01-05", "inset", "INSET day"],
  ["2026-02-16", "2026-02-20", "holiday", "Spring half-term"],
  ["2026-03-30", "2026-04-10", "holiday", "Easter holidays"],
  ["2026-05-04", "2026-05-04", "bank_holiday", "Early May bank holiday"],
  ["2026-05-25", "2026-05-29", "holiday", "Summer half-term"],
  ["2026-07-22", "2026-09-01", "holiday", "Summer holidays"],
  ["2026-10-26", "2026-10-30", "holiday", "Autumn half-term"],
  ["2026-12-21", "2027-01-01", "holiday", "Christmas holidays"],
];

export interface BenchCalendar {
  /** The first `count` school days of the year, in order. */
  schoolDays: IsoDate[];
  /** Weekday closures up to the last school day (what non_school_days holds). */
  closures: Closure[];
}

export function schoolYear(count: number): BenchCalendar {
  const closed = new Map<IsoDate, Closure>();
  for (const [from, to, kind, label] of CLOSURE_RANGES) {
    for (let d = from; d <= to; d = addDays(d, 1)) if (!isWeekend(epochDayOf(d))) closed.set(d, { day: d, kind, label });
  }
  const schoolDays: IsoDate[] = [];
  for (let d = "2025-09-01"; schoolDays.length < count; d = addDays(d, 1)) {
    if (!isWeekend(epochDayOf(d)) && !closed.has(d)) schoolDays.push(d);
  }
  const last = schoolDays[schoolDays.length - 1]!;
  return { schoolDays, closures: [...closed.values()].filter((c) => c.day <= last) };
}

export interface BenchPupil {
  id: string;
  schoolIndex: number;
  upn: string;
  firstName: string;
  lastName: string;
  yearGroup: string;
  className: string;
  householdKey: string | null;
  addressLine1: string;
  town: string;
  postcode: string;
  vulnerabilities: string[];
}

export interface BenchSchool {
  id: string;
  index: number;
  name: string;
  templateId: PolicyId;
  pupils: BenchPupil[];
}

const FIRST = ["Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hamza", "Isla", "Jack", "Kai", "Lily", "Mo", "Nia", "Oscar", "Priya", "Ruby", "Sam", "Tia", "Zac"];
const LAST = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Green", "Hall", "Khan", "Lewis", "Patel", "Roberts", "Smith", "Taylor", "Walker", "Wilson", "Wright"];
const TOWNS = ["Lincoln", "Skegness", "Sheffield", "Hillingdon", "Nottingham", "Northampton"];

/** `schools` schools of `perSchool` pupils, the templates taken in turn; siblings share a household. */
export function makeTrust(schools: number, perSchool: number, seed = 2025): BenchSchool[] {
  const rnd = prng(seed);
  const out: BenchSchool[] = [];
  for (let s = 0; s < schools; s++) {
    const school: BenchSchool = { id: randomUUID(), index: s, name: `Bench School ${String(s + 1).padStart(2, "0")}`, templateId: TEMPLATES[s % TEMPLATES.length]!, pupils: [] };
    let household = 0;
    let left = 0;
    for (let p = 0; p < perSchool; p++) {
      // About a third of pupils have a brother or sister at the same school.
      if (left === 0) {
        household++;
        left = rnd() < 0.3 ? 2 + (rnd() < 0.2 ? 1 : 0) : 1;
      }
      left--;
      const year = 1 + Math.floor((p / perSchool) * 6);
      school.pupils.push({
        id: randomUUID(),
        schoolIndex: s,
        upn: `B${String(s).padStart(3, "0")}${String(p).padStart(9, "0")}`,
        firstName: FIRST[Math.floor(rnd() * FIRST.length)]!,
        lastName: LAST[Math.floor(rnd() * LAST.length)]!,
        yearGroup: `Year ${year}`,
        className: `${year}${"ABC"[p % 3]}`,
        householdKey: `S${s}-H${household}`,
        addressLine1: `${1 + (household % 180)} ${LAST[household % LAST.length]} Road`,
        town: TOWNS[s % TOWNS.length]!,
        postcode: `LN${1 + (s % 9)} ${household % 10}AB`,
        vulnerabilities: rnd() < 0.05 ? ["child_in_need"] : [],
      });
    }
    out.push(school);
  }
  return out;
}

/**
 * How a pupil attends. Most are in nearly every day; some are persistently
 * absent; a few have a long run of absence (unexplained, unauthorised or
 * authorised), some still going at the end of the year.
 */
interface Profile {
  illness: number;
  unauthorised: number;
  late: number;
  lateAfterClose: number;
  medical: number;
  leave: number;
  holidayStart: number;
  longRun: { start: number; length: number; code: "N" | "O" | "I" | "C"; seenEvery: number } | null;
}

export interface MarkFileSummary {
  marks: number;
  csvBytes: number;
  copyBytes: number;
  /** Code → count, for the report. */
  codes: Record<string, number>;
  /** Pupils with a long run, and whether it reaches the last day. */
  longRuns: { pupilId: string; schoolIndex: number; startDay: number; endDay: number }[];
  /** Pupils absent on the last school day (for the contact log). */
  absentLastDay: { pupilId: string; schoolIndex: number }[];
}

class Sink {
  private buf = "";
  bytes = 0;
  constructor(private readonly out: WriteStream) {}
  async write(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buf) return;
    const chunk = Buffer.from(this.buf);
    this.bytes += chunk.length;
    this.buf = "";
    if (!this.out.write(chunk)) await new Promise<void>((r) => this.out.once("drain", () => r()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

function profileOf(rnd: () => number, days: number): Profile {
  const r = rnd();
  const base: Profile = { illness: 0.012, unauthorised: 0.003, late: 0.02, lateAfterClose: 0.002, medical: 0.004, leave: 0.001, holidayStart: 0, longRun: null };
  if (r < 0.015) {
    // A long absence: unexplained (N), unauthorised (O), illness (I) or leave (C); some to the end of the year.
    const length = 15 + Math.floor(rnd() * 70);
    const start = Math.max(0, Math.min(days - 1, rnd() < 0.4 ? days - length + Math.floor(rnd() * 5) : Math.floor(rnd() * days)));
    const k = rnd();
    const code = k < 0.35 ? "N" : k < 0.7 ? "O" : k < 0.85 ? "I" : "C";
    return { ...base, longRun: { start, length, code, seenEvery: rnd() < 0.5 ? 0 : 7 + Math.floor(rnd() * 10) } };
  }
  if (r < 0.115) {
    // Persistent absence: around 85% attendance.
    return { ...base, illness: 0.04, unauthorised: 0.03, late: 0.06, lateAfterClose: 0.01, medical: 0.01, leave: 0.004, holidayStart: rnd() < 0.4 ? 0.004 : 0 };
  }
  return base;
}

/**
 * Writes the marks of every pupil for every school day, ordered by date, then
 * school, then pupil (as an MIS export of a trust's year): `csvPath` in the
 * canonical layout and `copyPath` as COPY text for register_marks.
 */
export async function writeMarkFiles(trust: BenchSchool[], calendar: BenchCalendar, csvPath: string, copyPath: string | null, seed = 7): Promise<MarkFileSummary> {
  const rnd = prng(seed);
  const days = calendar.schoolDays.length;
  const pupils = trust.flatMap((s) => s.pupils.map((p) => ({ p, schoolId: s.id })));
  const profiles = pupils.map(() => profileOf(rnd, days));
  // Each pupil's current episode: code and school days left.
  const episodeCode: string[] = pupils.map(() => "");
  const episodeLeft = new Int32Array(pupils.length);
  const csv = new Sink(createWriteStream(csvPath));
  const copy = copyPath ? new Sink(createWriteStream(copyPath)) : null;
  const codes: Record<string, number> = {};
  const count = (c: string, n = 1) => (codes[c] = (codes[c] ?? 0) + n);
  const absentLastDay: MarkFileSummary["absentLastDay"] = [];
  let marks = 0;
  await csv.write("upn,date,session,code\n");

  for (let d = 0; d < days; d++) {
    const date = calendar.schoolDays[d]!;
    const recent = d >= days - 2; // reasons not yet given: still N
    let csvLines = "";
    let copyLines = "";
    for (let i = 0; i < pupils.length; i++) {
      const pr = profiles[i]!;
      let am = "/";
      let pm = "\\";
      const run = pr.longRun;
      if (run && d >= run.start && d < run.start + run.length) {
        am = pm = recent && run.code === "O" ? "N" : run.code;
        // Some long absentees come in late now and then (U: seen, not absent), ending both the run and the unseen streak.
        if (run.seenEvery > 0 && (d - run.start) % run.seenEvery === run.seenEvery - 1) am = "U";
      } else if (episodeLeft[i]! > 0) {
        episodeLeft[i]!--;
        am = pm = episodeCode[i]!;
      } else {
        const r = rnd();
        let t = pr.illness;
        if (r < t) {
          episodeCode[i] = recent ? "N" : "I";
          episodeLeft[i] = Math.floor(rnd() * 3);
          am = pm = episodeCode[i]!;
        } else if (r < (t += pr.unauthorised)) {
          am = pm = recent ? "N" : "O";
        } else if (r < (t += pr.holidayStart)) {
          episodeCode[i] = "G";
          episodeLeft[i] = 4;
          am = pm = "G";
        } else if (r < (t += pr.medical)) {
          am = "M";
        } else if (r < (t += pr.leave)) {
          am = pm = "C";
        } else if (r < (t += pr.late)) {
          am = "L";
        } else if (r < (t += pr.lateAfterClose)) {
          am = "U";
        }
      }
      if (d === days - 1 && am !== "/" && am !== "L" && am !== "U" && am !== "M") absentLastDay.push({ pupilId: pupils[i]!.p.id, schoolIndex: pupils[i]!.p.schoolIndex });
      const { p, schoolId } = pupils[i]!;
      csvLines += `${p.upn},${date},AM,${am}\n${p.upn},${date},PM,${pm}\n`;
      if (copy) copyLines += `${schoolId}\t${p.id}\t${date}\tAM\t${am === "\\" ? "\\\\" : am}\n${schoolId}\t${p.id}\t${date}\tPM\t${pm === "\\" ? "\\\\" : pm}\n`;
      count(am);
      count(pm);
      marks += 2;
      if (csvLines.length > 1 << 16) {
        await csv.write(csvLines);
        csvLines = "";
        if (copy) {
          await copy.write(copyLines);
          copyLines = "";
        }
      }
    }
    await csv.write(csvLines);
    if (copy) await copy.write(copyLines);
  }
  await csv.close();
  await copy?.close();
  const longRuns = profiles.flatMap((pr, i) =>
    pr.longRun ? [{ pupilId: pupils[i]!.p.id, schoolIndex: pupils[i]!.p.schoolIndex, startDay: pr.longRun.start, endDay: Math.min(days - 1, pr.longRun.start + pr.longRun.length - 1) }] : [],
  );
  return { marks, csvBytes: csv.bytes, copyBytes: copy?.bytes ?? 0, codes, longRuns, absentLastDay };
}

export interface Activity {
  contacts: { pupilId: string; schoolIndex: number; day: IsoDate; reached: boolean }[];
  sightings: { pupilId: string; schoolIndex: number; day: IsoDate }[];
  visits: { pupilId: string; schoolIndex: number; day: IsoDate; outcome: "child_seen" | "parent_seen_child_not_seen" | "no_contact" | "cancelled" }[];
}

/**
 * The contact log, sightings and visits around the absences: calls on the last
 * day for many of those absent, and for the long absentees calls, visits (some
 * unanswered) and sightings by other professionals.
 */
export function makeActivity(summary: MarkFileSummary, calendar: BenchCalendar, seed = 11): Activity {
  const rnd = prng(seed);
  const days = calendar.schoolDays;
  const last = days[days.length - 1]!;
  const out: Activity = { contacts: [], sightings: [], visits: [] };
  for (const a of summary.absentLastDay) {
    const r = rnd();
    if (r < 0.5) out.contacts.push({ ...a, day: last, reached: true });
    else if (r < 0.7) out.contacts.push({ ...a, day: last, reached: false });
  }
  for (const run of summary.longRuns) {
    const { pupilId, schoolIndex } = run;
    const at = (k: number) => days[Math.min(run.endDay, run.startDay + k)]!;
    if (rnd() < 0.6) out.contacts.push({ pupilId, schoolIndex, day: at(0), reached: rnd() < 0.5 });
    const v = rnd();
    if (v < 0.3) out.visits.push({ pupilId, schoolIndex, day: at(3), outcome: "no_contact" });
    else if (v < 0.45) out.visits.push({ pupilId, schoolIndex, day: at(3), outcome: "child_seen" });
    else if (v < 0.55) out.visits.push({ pupilId, schoolIndex, day: at(2), outcome: "cancelled" });
    if (v < 0.3 && rnd() < 0.4) out.contacts.push({ pupilId, schoolIndex, day: at(5), reached: true });
    if (rnd() < 0.2) out.sightings.push({ pupilId, schoolIndex, day: at(8) });
  }
  return out;
}
