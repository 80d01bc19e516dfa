/**
 * The bench's fake Wonde in a process of its own (bench/wonde.ts forks this file).
 * Wonde is a remote server: run in the bench's own process, the fake's HTTP server,
 * its JSON writing and its page making took a tenth of the main thread's time
 * during a first sync, time a school's server never spends. Here it has its own
 * thread and its own CPU count, which the bench reports apart. The messages: start,
 * serve (a school's students and year of marks, made by index as pages ask for them),
 * change (a morning's changed marks), cpu, stop. Tests use src/test/fake-wonde.ts
 * in their own process, as before.
 */
import { FakeWonde, type IndexedList } from "../src/test/fake-wonde";
import type { BenchPupil } from "./data";

type Rec = Record<string, unknown>;

/** The marks of a school's year, held as small arrays (a 10,000-pupil year is 3.8 million marks). */
export interface HeldMarks {
  size: number;
  pupil: Uint32Array;
  day: Uint16Array;
  pm: Uint8Array;
  code: Uint8Array;
  codes: string[];
}

export type FakeRequest =
  | { op: "start" }
  | { op: "serve"; pupils: BenchPupil[]; days: readonly string[]; marks: HeldMarks; updatedAt: string; prerender?: number }
  | { op: "change"; count: number; at: string }
  | { op: "cpu" }
  | { op: "stop" };

export const studentId = (i: number) => `S${String(i).padStart(6, "0")}`;
const codeId = (code: string) => `BC${code === "\\" ? "BS" : code}`;

/** The fake Wonde serving one bench school: its students and its year of marks, by index. */
function serve(fake: FakeWonde, pupils: BenchPupil[], days: readonly string[], marks: HeldMarks, updatedAt: string): void {
  const old = FakeWonde.date(updatedAt);
  const dates = days.map((d) => FakeWonde.date(d));
  fake.codes = [...new Set([...marks.codes, "/", "\\", "N", "I", "L"])].map((code) => ({ id: codeId(code), code, description: null }));
  fake.students = [];
  fake.marks = [];
  const students: IndexedList = {
    size: pupils.length,
    updatedAt,
    changed: new Map(),
    at: (i) => {
      const p = pupils[i]!;
      return {
        id: studentId(i),
        forename: p.firstName,
        surname: p.lastName,
        updated_at: old,
        education_details: { data: { upn: p.upn, current_nc_year: p.yearGroup, leaving_date: null } },
        extended_details: { data: { child_protection_plan: p.vulnerabilities.includes("child_protection_plan"), child_in_need: p.vulnerabilities.includes("child_in_need"), looked_after: p.vulnerabilities.includes("looked_after") } },
        classes: { data: [{ name: p.className }] },
        contacts: { data: [{ id: `C${i}`, forename: "Parent", surname: p.lastName, relationship: { relationship: "Parent", parental_responsibility: true, priority: 1, lives_with_pupil: true }, contact_details: { data: { phones: { mobile: `07700 ${String(900000 + (i % 100000)).padStart(6, "0")}` } } } }] },
      };
    },
  };
  const session: IndexedList = {
    size: marks.size,
    updatedAt,
    changed: new Map(),
    at: (k) => ({ id: `M${String(k).padStart(8, "0")}`, student: studentId(marks.pupil[k]!), session: marks.pm[k] ? "PM" : "AM", date: dates[marks.day[k]!], attendance_code: codeId(marks.codes[marks.code[k]!]!), comment: null, updated_at: old }),
  };
  fake.indexed = { students, "attendance/session": session };
}

/**
 * Changes `count` marks of the last school days, as a morning's registers and
 * corrections do: an N explained (I), a present mark made late (L), one mark in
 * ten a new absence (N), anything else present (/).
 */
function change(fake: FakeWonde, count: number, at: Date): number {
  const list = fake.indexed["attendance/session"]!;
  const when = FakeWonde.date(at);
  let changed = 0;
  for (let k = list.size - 1; k >= 0 && changed < count; k--, changed++) {
    const before = list.changed.get(k) ?? list.at(k);
    const was = fake.codes.find((c) => c.id === before.attendance_code)?.code;
    const code = was === "N" ? "I" : changed % 10 === 0 ? "N" : was === "/" || was === "\\" ? "L" : "/";
    (before as Rec).attendance_code = codeId(code);
    list.changed.set(k, { ...before, updated_at: when });
  }
  return changed;
}

if (process.send) {
  const fake = new FakeWonde();
  const reply = (m: unknown) => process.send!(m);
  process.on("disconnect", () => process.exit(0));
  process.on("message", (m: FakeRequest) => {
    void (async () => {
      try {
        if (m.op === "start") {
          await fake.start();
          fake.quiet = true;
          // The client's own page size (200 records a page), as a school's sync runs.
          fake.perPageMax = 1000;
          reply({ ok: true, url: fake.url, token: fake.token, schoolId: fake.schoolId });
        } else if (m.op === "serve") {
          serve(fake, m.pupils, m.days, m.marks, m.updatedAt);
          if (m.prerender) fake.prerender("attendance/session", m.prerender);
          reply({ ok: true });
        } else if (m.op === "change") {
          reply({ ok: true, changed: change(fake, m.count, new Date(m.at)) });
        } else if (m.op === "cpu") {
          const c = process.cpuUsage();
          reply({ ok: true, cpuSeconds: (c.user + c.system) / 1e6, busyMs: fake.busyMs });
        } else {
          await fake.stop();
          reply({ ok: true });
        }
      } catch (e) {
        reply({ ok: false, error: (e as Error).message });
      }
    })();
  });
}
