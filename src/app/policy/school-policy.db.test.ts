import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, pupils } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool } from "../../test/factories";
import { importMarks, streamOf } from "../attendance/import-marks";
import { actionsForDay } from "../attendance/actions-for-day";
import { changePolicy, policyInForce, policyVersions, reviewReminder, switchTemplate } from "./school-policy";
import { policyTemplates } from "../../domain/policy";

let db: DatabaseHandle;
let schoolId: string;
const head = { userId: null, name: "Helen Head" };

beforeAll(async () => {
  db = await openTestDatabase();
  schoolId = (await buildSchool(db)).id;
  await db.db.insert(pupils).values([{ schoolId, upn: "A100000000001", firstName: "Ann", lastName: "One" }]);
  // Present on 2 March, then unexplained absence from 3 March: Day 6 unseen on 10 March.
  const lines = ["upn,date,session,code", "A100000000001,2026-03-02,AM,/"];
  for (const d of ["03", "04", "05", "06", "09", "10", "11"]) lines.push(`A100000000001,2026-03-${d},AM,N`);
  await importMarks(db, head, { schoolIds: [schoolId] }, streamOf(lines.join("\n")), "csv");
});
afterAll(async () => {
  await db?.close();
});

const actionsOn = async (day: string) => (await actionsForDay(db.db, schoolId, day)).households.flatMap((h) => h.pupils.flatMap((p) => p.actions.map((a) => a.action)));

describe("school policy versions", () => {
  it("starts at version 1, the chosen template", async () => {
    const v = await policyInForce(db.db, schoolId, "2026-03-10");
    expect(v.version).toBe(1);
    expect(v.policy).toEqual(policyTemplates.burgh);
  });

  it("applies an edit from the day it is made, while past days keep the rules of their day", async () => {
    expect(await actionsOn("2026-03-09")).not.toContain("eyes_on_visit"); // Day 5 unseen: allowed under 5 days
    const edited = structuredClone(policyTemplates.burgh);
    const eyesOn = edited.absenceRules.find((r) => r.kind === "eyes_on_visit");
    if (eyesOn?.kind !== "eyes_on_visit") throw new Error("burgh has an eyes-on rule");
    eyesOn.maxSchoolDaysUnseen = 3;

    await expect(changePolicy(db.db, head, schoolId, edited, "  ", "2026-03-09")).rejects.toThrow(/note/);
    const v2 = await changePolicy(db.db, head, schoolId, edited, "LA asked for eyes on sooner", "2026-03-09");
    expect(v2.version).toBe(2);

    expect((await policyInForce(db.db, schoolId, "2026-03-06")).version).toBe(1);
    expect((await policyInForce(db.db, schoolId, "2026-03-09")).version).toBe(2);
    expect(await actionsOn("2026-03-09")).toContain("eyes_on_visit");
    expect((await actionsForDay(db.db, schoolId, "2026-03-06")).policy.version).toBe(1);
    expect((await policyVersions(db.db, schoolId)).map((v) => v.version)).toEqual([2, 1]);

    const [event] = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "policy_changed"));
    expect(event).toMatchObject({ actorName: "Helen Head", schoolId });
  });

  it("parses a version once and shares it frozen, so no caller can change the rules another reads", async () => {
    const a = await policyInForce(db.db, schoolId, "2026-03-10");
    const b = await policyInForce(db.db, schoolId, "2026-03-10");
    expect(b.policy).toBe(a.policy);
    expect(Object.isFrozen(a.policy.conduct)).toBe(true);
    expect(() => {
      (a.policy.conduct as { pairing: unknown }).pairing = null;
    }).toThrow(TypeError);
    expect((await policyInForce(db.db, schoolId, "2026-03-06")).policy).not.toBe(a.policy);
  });

  it("refuses an edited policy that is not valid, naming the field", async () => {
    const broken = { ...structuredClone(policyTemplates.burgh), absenceRules: [{ kind: "eyes_on_visit" }] };
    await expect(changePolicy(db.db, head, schoolId, broken, "oops", "2026-03-10")).rejects.toThrow(/absenceRules/);
  });

  it("starts again from another school's template from today, keeping the past on the old rules", async () => {
    await expect(switchTemplate(db.db, head, schoolId, "nowhere", "joined a trust", "2026-03-11")).rejects.toMatchObject({ field: "templateId" });
    await expect(switchTemplate(db.db, head, schoolId, "coteford", "", "2026-03-11")).rejects.toMatchObject({ field: "note" });
    const v = await switchTemplate(db.db, head, schoolId, "coteford", "Joined the trust: Coteford's policy", "2026-03-11");
    expect(v).toMatchObject({ version: 3, templateId: "coteford", effectiveFrom: "2026-03-11" });
    expect((await actionsForDay(db.db, schoolId, "2026-03-11")).policy).toMatchObject({ templateId: "coteford", version: 3 });
    expect((await actionsForDay(db.db, schoolId, "2026-03-10")).policy).toMatchObject({ templateId: "burgh", version: 2 });
    const events = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "policy_template_switched"));
    expect(events).toHaveLength(1);
  });

  it("reminds before the review falls due and flags an overdue review", () => {
    expect(reviewReminder(policyTemplates["transform-trust"], "2026-11-20")).toMatchObject({ overdue: true, due: "2019-09" });
    expect(reviewReminder(policyTemplates.burgh, "2027-01-15")).toMatchObject({ overdue: false, dueSoon: true, due: "2027-03" });
    expect(reviewReminder(policyTemplates.burgh, "2026-06-15")).toMatchObject({ overdue: false, dueSoon: false });
  });
});
