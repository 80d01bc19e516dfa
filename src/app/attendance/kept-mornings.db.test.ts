/**
 * Kept mornings never change a figure: after any sequence of writes to what the
 * replay reads (marks, contacts, sightings, visits and their outcomes, a pupil's
 * flags or leaving, a closure, a referral), compliance read through the kept
 * mornings equals the replay made again from the records. The writes go straight
 * to the tables, as any code path might, so it is the database's own triggers that
 * forget what a change makes stale; and they forget no more than that.
 */
import fc from "fast-check";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { contactAttempts, keptMornings, nonSchoolDays, pupils, referrals, registerMarks, sightings, visitPupils, visits } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff } from "../../test/factories";
import { complianceForRange } from "./compliance-for-range";
import { keepMornings, keptVersion } from "./kept-mornings";

let db: DatabaseHandle;
let schoolId: string;
let staffId: string;
const pupilIds: string[] = [];
const WEEKDAYS = ["02", "03", "04", "05", "06", "09", "10", "11", "12", "13", "16", "17", "18", "19", "20", "23", "24", "25", "26", "27"].map((d) => `2026-11-${d}`);
const FROM = "2026-11-09";
const TO = "2026-11-27";
/** Days a closure may fall on: inside the range, never its ends. */
const CLOSABLE = ["2026-11-12", "2026-11-18", "2026-11-24"];
const CODES = ["/", "\\", "O", "N", "I", "G"] as const;

beforeAll(async () => {
  db = await openTestDatabase();
  const school = await buildSchool(db, { policyTemplateId: "burgh" });
  schoolId = school.id;
  staffId = (await buildStaff(db, schoolId, ["attendance_lead"])).id;
  for (let n = 0; n < 5; n++) {
    const [p] = await db.db.insert(pupils).values({ schoolId, upn: `K10000000000${n}`, firstName: "Kept", lastName: `Pupil ${n}` }).returning({ id: pupils.id });
    pupilIds.push(p!.id);
    // Pupils 0-2 absent from a different day each; 3 and 4 in school.
    const firstAbsent = n < 3 ? WEEKDAYS[3 + n * 4]! : null;
    await db.db.insert(registerMarks).values(
      WEEKDAYS.flatMap((day) => {
        const absent = firstAbsent !== null && day >= firstAbsent;
        return [
          { schoolId, pupilId: p!.id, day, session: "AM", code: absent ? "O" : "/" },
          { schoolId, pupilId: p!.id, day, session: "PM", code: absent ? "N" : "\\" },
        ];
      }),
    );
  }
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const fresh = () => complianceForRange(db.db, schoolId, FROM, TO, { kept: false });
const viaKept = () => complianceForRange(db.db, schoolId, FROM, TO);
const keptDays = async () => (await db.db.select({ day: keptMornings.day }).from(keptMornings).where(eq(keptMornings.schoolId, schoolId))).map((r) => r.day).sort();

const pupil = fc.integer({ min: 0, max: 4 });
const weekday = fc.constantFrom(...WEEKDAYS);
type Write =
  | { kind: "mark"; pupil: number; day: string; pm: boolean; code: (typeof CODES)[number] }
  | { kind: "unmark"; pupil: number; day: string }
  | { kind: "contact"; pupil: number; day: string; reached: boolean }
  | { kind: "sighting"; pupil: number; day: string }
  | { kind: "visit"; pupil: number; day: string; outcome: "child_seen" | "no_contact" | "parent_seen_child_not_seen" }
  | { kind: "outcome"; outcome: "child_seen" | "no_contact" }
  | { kind: "vulnerable"; pupil: number; on: boolean }
  | { kind: "leaves"; pupil: number; day: string | null }
  | { kind: "closure"; day: string }
  | { kind: "referral"; pupil: number; day: string };
const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant("mark" as const), pupil, day: weekday, pm: fc.boolean(), code: fc.constantFrom(...CODES) }),
  fc.record({ kind: fc.constant("unmark" as const), pupil, day: weekday }),
  fc.record({ kind: fc.constant("contact" as const), pupil, day: weekday, reached: fc.boolean() }),
  fc.record({ kind: fc.constant("sighting" as const), pupil, day: weekday }),
  fc.record({ kind: fc.constant("visit" as const), pupil, day: weekday, outcome: fc.constantFrom("child_seen" as const, "no_contact" as const, "parent_seen_child_not_seen" as const) }),
  fc.record({ kind: fc.constant("outcome" as const), outcome: fc.constantFrom("child_seen" as const, "no_contact" as const) }),
  fc.record({ kind: fc.constant("vulnerable" as const), pupil, on: fc.boolean() }),
  fc.record({ kind: fc.constant("leaves" as const), pupil, day: fc.option(weekday, { nil: null }) }),
  fc.record({ kind: fc.constant("closure" as const), day: fc.constantFrom(...CLOSABLE) }),
  fc.record({ kind: fc.constant("referral" as const), pupil, day: weekday }),
);

async function apply(w: Write): Promise<void> {
  const pupilId = "pupil" in w ? pupilIds[w.pupil]! : "";
  switch (w.kind) {
    case "mark":
      await db.db
        .insert(registerMarks)
        .values({ schoolId, pupilId, day: w.day, session: w.pm ? "PM" : "AM", code: w.code })
        .onConflictDoUpdate({ target: [registerMarks.pupilId, registerMarks.day, registerMarks.session], set: { code: w.code } });
      return;
    case "unmark":
      await db.db.delete(registerMarks).where(and(eq(registerMarks.pupilId, pupilId), eq(registerMarks.day, w.day)));
      return;
    case "contact":
      await db.db.insert(contactAttempts).values({ schoolId, pupilId, day: w.day, method: "phone", reached: w.reached, recordedBy: staffId });
      return;
    case "sighting":
      await db.db.insert(sightings).values({ schoolId, pupilId, day: w.day, seenBy: "Social worker", recordedBy: staffId });
      return;
    case "visit": {
      const [v] = await db.db.insert(visits).values({ schoolId, purpose: "safe_and_well", state: "completed", day: w.day }).returning({ id: visits.id });
      await db.db.insert(visitPupils).values({ visitId: v!.id, pupilId, outcome: w.outcome });
      return;
    }
    case "outcome":
      // The latest visit's outcome corrected.
      await db.db.execute(sql`update visit_pupils set outcome = ${w.outcome} where visit_id = (select id from visits where school_id = ${schoolId} order by created_at desc, id limit 1)`);
      return;
    case "vulnerable":
      await db.db.update(pupils).set({ vulnerabilities: w.on ? ["child_in_need"] : [] }).where(eq(pupils.id, pupilId));
      return;
    case "leaves":
      await db.db.update(pupils).set({ leftOn: w.day }).where(eq(pupils.id, pupilId));
      return;
    case "closure":
      await db.db.insert(nonSchoolDays).values({ schoolId, day: w.day, kind: "closure", label: "Boiler" }).onConflictDoNothing();
      return;
    case "referral":
      await db.db.insert(referrals).values({ schoolId, pupilId, kind: "pnar", fromAction: "notify_local_authority", openedOn: w.day, decidedBy: staffId, decidedName: "Test lead", reason: "Test" });
      return;
  }
}

describe("kept mornings", () => {
  it("are kept by a replay and then read, not replayed: the figure is the replay's", async () => {
    const first = await viaKept();
    expect(first).toEqual(await fresh());
    expect(first.episodes.length).toBeGreaterThan(0);
    const days = await keptDays();
    expect(days[0]).toBe(FROM);
    expect(days.at(-1)).toBe(TO);
    // A figure over a shorter range reads the same mornings.
    const later = await complianceForRange(db.db, schoolId, "2026-11-16", TO);
    expect(later).toEqual(await complianceForRange(db.db, schoolId, "2026-11-16", TO, { kept: false }));
    expect(await keptDays()).toEqual(days);
  });

  it("a change forgets the mornings from its day on, and only those", async () => {
    await viaKept();
    const before = await keptDays();
    await apply({ kind: "mark", pupil: 3, day: "2026-11-19", pm: false, code: "N" });
    expect(await keptDays()).toEqual(before.filter((d) => d < "2026-11-19"));
    await apply({ kind: "vulnerable", pupil: 4, on: true });
    expect(await keptDays()).toEqual([]);
    await db.db.update(pupils).set({ firstName: "Renamed" }).where(eq(pupils.id, pupilIds[4]!));
    await viaKept();
    const all = await keptDays();
    // A new name is not something the replay reads.
    await db.db.update(pupils).set({ firstName: "Kept" }).where(eq(pupils.id, pupilIds[4]!));
    expect(await keptDays()).toEqual(all);
  });

  it("are not kept by a replay that read the records before a change committed", async () => {
    const version = await keptVersion(db.db, schoolId);
    await apply({ kind: "contact", pupil: 0, day: "2026-11-20", reached: true });
    const kept = await keepMornings(db.db, schoolId, version, [{ day: "2026-11-26", actions: [], closures: [] }]);
    expect(kept).toBe(false);
    expect(await db.db.select().from(keptMornings).where(and(eq(keptMornings.schoolId, schoolId), eq(keptMornings.day, "2026-11-26")))).toEqual([]);
  });

  it("after any writes, the figure through kept mornings equals the replay from the records", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 6 }), async (writes) => {
        await viaKept();
        for (const w of writes) {
          await apply(w);
          expect(await viaKept()).toEqual(await fresh());
        }
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});
