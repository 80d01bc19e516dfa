/**
 * actionsForDay reads only what the policy's rules look at (and children whose
 * run or streak reaches further back in full): its list must be exactly the
 * engine's answer over the complete record, for every policy and day.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "../../db/client";
import { contactAttempts, nonSchoolDays, pupils, registerMarks, sightings, users, visitPupils, visits } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool } from "../../test/factories";
import { evaluate, SchoolCalendar, type Action, type EvaluationInput, type Mark, type VisitOutcome } from "../../domain/attendance";
import { policyTemplates, type PolicyId } from "../../domain/policy";
import { importMarks, streamOf } from "./import-marks";
import { actionsForDay, type DayList } from "./actions-for-day";
import { loadSchoolDay } from "./load-evaluation-input";

const FIRST_DAY = "2025-04-22";
const LAST_DAY = "2026-03-20";
const CLOSED: [string, string][] = [
  ["2025-05-05", "2025-05-05"],
  ["2025-05-26", "2025-05-30"],
  ["2025-07-21", "2025-09-02"],
  ["2025-10-27", "2025-10-31"],
  ["2025-12-22", "2026-01-02"],
  ["2026-02-16", "2026-02-20"],
];
const closedDays: string[] = [];
for (const [from, to] of CLOSED) for (const d of new SchoolCalendar().schoolDaysBetween(from, to)) closedDays.push(d);
const calendar = new SchoolCalendar(closedDays);
const days = calendar.schoolDaysBetween(FIRST_DAY, LAST_DAY);
const n = days.length;
const at = (i: number) => days[i < 0 ? n + i : i]!;

type Codes = (i: number) => [string, string] | null;
const present: Codes = () => ["/", "\\"];
const absentFrom =
  (from: number, code: string, to = n - 1): Codes =>
  (i) =>
    i >= from && i <= to ? [code, code] : ["/", "\\"];

/** Each child's register, by school day index (0 = FIRST_DAY), and what else happened. */
const CHILDREN: { upn: string; household?: string; vulnerable?: boolean; codes: Codes }[] = [
  { upn: "A100000000001", household: "H1", codes: present },
  { upn: "A100000000002", household: "H1", codes: absentFrom(n - 1, "N") },
  { upn: "A100000000003", codes: absentFrom(n - 3, "N") },
  { upn: "A100000000004", codes: absentFrom(n - 3, "N") },
  { upn: "A100000000005", codes: absentFrom(n - 7, "I") },
  // Absent since long before any window: a contact and a visit early in the run still count.
  { upn: "A100000000006", vulnerable: true, codes: absentFrom(n - 120, "N") },
  { upn: "A100000000007", codes: absentFrom(n - 60, "O") },
  { upn: "A100000000008", codes: absentFrom(n - 60, "O") },
  { upn: "A100000000009", codes: absentFrom(n - 12, "O") },
  { upn: "A100000000010", codes: (i) => (i % 4 === 0 ? ["I", "I"] : ["/", "\\"]) },
  // Unauthorised sessions in June (more than 100 days before late September) and September.
  {
    upn: "A100000000011",
    codes: (i) => (["2025-06-10", "2025-06-11", "2025-06-12", "2025-09-15", "2025-09-16"].includes(days[i]!) ? ["O", "G"] : ["/", "\\"]),
  },
  { upn: "A100000000012", codes: () => null },
  // No marks for the last five weeks (left without notice): unseen ever since.
  { upn: "A100000000013", codes: (i) => (i < n - 25 ? ["/", "\\"] : null) },
  { upn: "A100000000014", codes: (i) => (i >= n - 3 ? ["N", "N"] : i >= n - 8 ? ["G", "G"] : ["/", "\\"]) },
  { upn: "A100000000015", codes: absentFrom(n - 8, "O") },
  { upn: "A100000000016", codes: (i) => (i >= n - 10 ? ["U", "\\"] : ["/", "\\"]) },
  { upn: "A100000000017", codes: (i) => (i >= n - 90 ? (i % 15 === 0 ? ["U", "N"] : ["N", "N"]) : ["/", "\\"]) },
  { upn: "A100000000018", codes: absentFrom(n - 4, "N") },
  // A long absence that ended a month ago, and one before the Christmas holidays.
  { upn: "A100000000019", codes: absentFrom(n - 100, "C", n - 20) },
  { upn: "A100000000020", codes: absentFrom(days.indexOf("2025-11-24"), "M", days.indexOf("2026-01-09")) },
];

const CONTACTS: [string, string, boolean][] = [
  ["A100000000002", at(-1), false],
  ["A100000000004", at(-2), true],
  ["A100000000006", at(-115), true],
  ["A100000000008", at(-20), true],
  ["A100000000018", at(-1), false],
];
const SIGHTINGS: [string, string][] = [
  ["A100000000015", at(-3)],
  ["A100000000019", at(-50)],
];
const VISITS: [string, string, VisitOutcome][] = [
  ["A100000000006", at(-100), "parent_seen_child_not_seen"],
  ["A100000000007", at(-30), "no_contact"],
  ["A100000000008", at(-30), "no_contact"],
  ["A100000000018", at(-1), "cancelled"],
  ["A100000000019", at(-40), "child_seen"],
];

const CHECK_DAYS = [LAST_DAY, at(-2), "2026-02-23", "2026-01-05", "2025-12-19", "2025-09-26", "2025-09-03"];
const POLICIES: PolicyId[] = ["burgh", "scargill", "coteford", "transform-trust", "hunsbury-park"];

let db: DatabaseHandle;
const schoolOf = new Map<PolicyId, string>();

function registerCsv(): string {
  const lines = ["upn,date,session,code"];
  for (let i = 0; i < n; i++) {
    for (const c of CHILDREN) {
      const codes = c.codes(i);
      if (codes) lines.push(`${c.upn},${days[i]},AM,${codes[0]}`, `${c.upn},${days[i]},PM,${codes[1]}`);
    }
  }
  return lines.join("\n");
}

beforeAll(async () => {
  db = await openTestDatabase();
  const [staff] = await db.db.insert(users).values({ email: `lists-${Math.random()}@test.example`, name: "Attendance Lead", passwordHash: "x" }).returning();
  const csv = registerCsv();
  for (const policy of POLICIES) {
    const school = await buildSchool(db, { policyTemplateId: policy });
    schoolOf.set(policy, school.id);
    await db.db.insert(nonSchoolDays).values(closedDays.map((day) => ({ schoolId: school.id, day, kind: "holiday" })));
    const rows = await db.db
      .insert(pupils)
      .values(CHILDREN.map((c) => ({ schoolId: school.id, upn: c.upn, firstName: "Child", lastName: c.upn.slice(-2), householdKey: c.household ?? null, vulnerabilities: c.vulnerable ? ["child_in_need"] : [] })))
      .returning();
    const id = (upn: string) => rows.find((r) => r.upn === upn)!.id;
    const report = await importMarks(db, { userId: null, name: "Test import" }, { schoolIds: [school.id] }, streamOf(csv), "csv");
    expect(report.inserted).toBeGreaterThan(5000);
    await db.db.insert(contactAttempts).values(CONTACTS.map(([upn, day, reached]) => ({ schoolId: school.id, pupilId: id(upn), day, method: "phone", reached, recordedBy: staff!.id })));
    await db.db.insert(sightings).values(SIGHTINGS.map(([upn, day]) => ({ schoolId: school.id, pupilId: id(upn), day, seenBy: "Social worker", recordedBy: staff!.id })));
    for (const [upn, day, outcome] of VISITS) {
      const [visit] = await db.db.insert(visits).values({ schoolId: school.id, purpose: "safe_and_well", state: "completed", day }).returning();
      await db.db.insert(visitPupils).values({ visitId: visit!.id, pupilId: id(upn), outcome });
    }
  }
});
afterAll(async () => {
  await db?.close();
});

/** Everything recorded for the school up to `day`: the engine's input with no window at all. */
async function fullInput(schoolId: string, day: string): Promise<EvaluationInput> {
  const kids = await db.db.select().from(pupils).where(eq(pupils.schoolId, schoolId));
  const upn = new Map(kids.map((p) => [p.id, p.upn]));
  const closed = await db.db.select().from(nonSchoolDays).where(eq(nonSchoolDays.schoolId, schoolId));
  const marks = await db.db.select().from(registerMarks).where(and(eq(registerMarks.schoolId, schoolId), lte(registerMarks.day, day)));
  const contacts = await db.db.select().from(contactAttempts).where(and(eq(contactAttempts.schoolId, schoolId), lte(contactAttempts.day, day)));
  const seen = await db.db.select().from(sightings).where(and(eq(sightings.schoolId, schoolId), lte(sightings.day, day)));
  const made = await db.db
    .select({ pupilId: visitPupils.pupilId, day: visits.day, outcome: visitPupils.outcome })
    .from(visitPupils)
    .innerJoin(visits, eq(visits.id, visitPupils.visitId))
    .where(and(eq(visits.schoolId, schoolId), lte(visits.day, day), isNotNull(visitPupils.outcome)));
  return {
    today: day,
    nonSchoolDays: closed.map((c) => c.day),
    pupils: kids.map((p) => ({ upn: p.upn, vulnerable: p.vulnerabilities.length > 0 })),
    marks: marks.map((m) => ({ upn: upn.get(m.pupilId)!, date: m.day, session: m.session as Mark["session"], code: m.code as Mark["code"] })),
    contacts: contacts.map((c) => ({ upn: upn.get(c.pupilId)!, date: c.day, reached: c.reached })),
    sightings: seen.map((s) => ({ upn: upn.get(s.pupilId)!, date: s.day })),
    visits: made.map((v) => ({ upn: upn.get(v.pupilId)!, date: v.day, outcome: v.outcome as VisitOutcome })),
  };
}

const listed = (list: DayList): Action[] => list.households.flatMap((h) => h.pupils.flatMap((p) => p.actions));
const byPupilAndKind = (actions: Action[]) => [...actions].sort((a, b) => a.upn.localeCompare(b.upn) || a.action.localeCompare(b.action));

describe("the day's list equals the engine over the complete record", () => {
  for (const policy of POLICIES) {
    it(`${policy}: on ${CHECK_DAYS.length} school days`, async () => {
      const schoolId = schoolOf.get(policy)!;
      let total = 0;
      for (const day of CHECK_DAYS) {
        expect(calendar.isSchoolDay(day), day).toBe(true);
        const expected = evaluate(policyTemplates[policy], await fullInput(schoolId, day)).actions;
        const list = await actionsForDay(db.db, schoolId, day);
        expect(list.schoolDay).toBe(true);
        expect(list.actionCount, `${policy} ${day}`).toBe(expected.length);
        expect(byPupilAndKind(listed(list)), `${policy} ${day}`).toEqual(byPupilAndKind(expected));
        total += expected.length;
      }
      // The scenario gives each policy with rules something to find.
      if (policy !== "hunsbury-park") expect(total).toBeGreaterThan(0);
    });
  }

  it("keeps a long absence's start: the run and the streak are not cut short by the window", async () => {
    const schoolId = schoolOf.get("burgh")!;
    const list = await actionsForDay(db.db, schoolId, LAST_DAY);
    const long = listed(list).filter((a) => a.upn === "A100000000006");
    // The parent was reached and a visit made early in the run, before any window: no call or safe-and-well visit is due.
    expect(long.map((a) => a.action).sort()).toEqual(["eyes_on_visit", "notify_local_authority"]);
    const eyesOn = long.find((a) => a.action === "eyes_on_visit")!;
    expect(eyesOn.facts.unseenSince).toBe(at(-120));
    expect(eyesOn.facts.unseenDays).toBe(120);
    const left = listed(list).find((a) => a.upn === "A100000000013" && a.action === "eyes_on_visit")!;
    expect(left.facts.unseenSince).toBe(at(-25));
  });

  it("reads a window, and only the children whose run or streak reaches its start in full", async () => {
    const schoolId = schoolOf.get("burgh")!;
    const full = await fullInput(schoolId, LAST_DAY);
    const loaded = await loadSchoolDay(db.db, schoolId, LAST_DAY, { policy: policyTemplates.burgh });
    expect(loaded.windowStart).toBe(at(-10));
    expect(loaded.input.marks.length).toBeLessThan(full.marks.length);
    expect(loaded.input.marks.filter((m) => m.upn === "A100000000001")).toHaveLength(20);
    const inFull = (await db.db.select().from(pupils).where(eq(pupils.schoolId, schoolId))).filter((p) => loaded.readInFull?.includes(p.id)).map((p) => p.upn);
    expect(inFull).toEqual(expect.arrayContaining(["A100000000006", "A100000000007", "A100000000008", "A100000000009", "A100000000012", "A100000000013"]));
    expect(inFull).not.toContain("A100000000001");
    expect(inFull).not.toContain("A100000000005");
    // Hunsbury Park's policy has no absence rule: nothing is read.
    const none = await loadSchoolDay(db.db, schoolOf.get("hunsbury-park")!, LAST_DAY, { policy: policyTemplates["hunsbury-park"] });
    expect(none.input.marks).toEqual([]);
    expect(none.pupils).toHaveLength(CHILDREN.length);
  });

  it("inside the caller's transaction, leaves its settings as they were", async () => {
    const schoolId = schoolOf.get("coteford")!;
    const settings = await db.db.transaction(async (tx) => {
      const list = await actionsForDay(tx, schoolId, LAST_DAY);
      expect(list.actionCount).toBeGreaterThan(0);
      return rowsOf<{ sort: string; jit: string }>(await tx.execute(sql`select current_setting('enable_sort') as sort, current_setting('jit') as jit`))[0];
    });
    const outside = rowsOf<{ sort: string; jit: string }>(await db.db.execute(sql`select current_setting('enable_sort') as sort, current_setting('jit') as jit`))[0];
    expect(settings).toEqual(outside);
    expect(settings?.sort).toBe("on");
  });

  it("a day that is not a school day has no list", async () => {
    const list = await actionsForDay(db.db, schoolOf.get("burgh")!, "2026-03-14");
    expect(list).toMatchObject({ schoolDay: false, households: [], actionCount: 0 });
    const holiday = await actionsForDay(db.db, schoolOf.get("coteford")!, "2026-02-18");
    expect(holiday.schoolDay).toBe(false);
  });

  it("lists siblings with nothing due beside the child who has something", async () => {
    const list = await actionsForDay(db.db, schoolOf.get("burgh")!, LAST_DAY);
    const home = list.households.find((h) => h.householdKey === "H1")!;
    expect(home.pupils.map((p) => [p.pupil.upn, p.actions.length > 0])).toEqual([
      ["A100000000002", true],
      ["A100000000001", false],
    ]);
  });

  it("the June sessions count in late September: ten teaching weeks reach back over the summer", async () => {
    const list = await actionsForDay(db.db, schoolOf.get("transform-trust")!, "2025-09-26");
    const found = listed(list).find((a) => a.upn === "A100000000011");
    expect(found).toMatchObject({ action: "penalty_notice_review", facts: { sessions: 10, windowStart: "2025-06-09" } });
  });
});
