import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { openTestDatabase } from "../../test/test-database";
import { actionsForDay } from "../attendance/actions-for-day";
import { visitsToConsiderBeside } from "../attendance/visits-to-consider";
import { schoolFigures } from "../oversight/school-figures";
import { demoPupils } from "./demo-people";
import { DEMO_STORIES, demoRegister } from "./demo-register";
import { DEMO_TERM_STORIES } from "./demo-term";
import { DEMO_SCHOOL_NAME, DEMO_SECOND_SCHOOL_NAME, seedDemo } from "./seed-demo";
import { eq } from "drizzle-orm";
import { schools } from "../../db/schema";
import { trustFigures } from "../oversight/trust-figures";

/** Monday 7 December 2026: the demo opens on that morning. */
const TODAY = "2026-12-07";
let h: DatabaseHandle;
let schoolId: string;

beforeAll(async () => {
  h = await openTestDatabase();
  schoolId = (await seedDemo(h, TODAY)).schoolId;
});
afterAll(async () => {
  await h?.close();
});

describe("the demo term", () => {
  it("leaves the morning the demo opens on to the stories of that morning: no earlier story is listed or to consider", async () => {
    const list = await actionsForDay(h.db, schoolId, TODAY);
    const earlier = new Set(DEMO_TERM_STORIES.map((s) => demoPupils()[s.pupil]!.upn));
    const morning = new Set(DEMO_STORIES.map((s) => demoPupils()[s.pupil]!.upn));
    // Siblings at the address are shown beside a listed child with no action of their own.
    const listed = list.households.flatMap((hh) => hh.pupils.filter((p) => p.actions.length > 0).map((p) => p.pupil.upn));
    expect(listed.length).toBeGreaterThan(0);
    for (const upn of listed) {
      expect(earlier.has(upn), upn).toBe(false);
      expect(morning.has(upn), upn).toBe(true);
    }
    for (const c of await visitsToConsiderBeside(h.db, list)) expect(earlier.has(c.upn), c.upn).toBe(false);
  });

  it("gives the figures a term to count: visits made and reported, a missed check-in, episodes closed on time and late", async () => {
    const days = demoRegister(TODAY, demoPupils().map((p) => p.upn)).schoolDays;
    const f = await schoolFigures(h.db, schoolId, days[0]!, days.at(-1)!, TODAY);
    const made = f.visits.byPurposeAndOutcome.reduce((n, v) => n + v.count, 0);
    expect(made).toBe(DEMO_TERM_STORIES.filter((s) => s.visit).length + DEMO_STORIES.flatMap((s) => s.visits ?? []).length);
    expect(f.safety.checkInsMissed).toBe(1);
    const kinds = Object.values(f.compliance.summary);
    expect(kinds.reduce((n, k) => n + k.closedOnFirstDay, 0)).toBeGreaterThan(5);
    expect(kinds.reduce((n, k) => n + k.closedLater, 0)).toBeGreaterThan(0);
    expect(f.compliance.closedBecause.child_seen_on_visit ?? 0).toBeGreaterThan(0);
    expect(f.compliance.closedBecause.parent_reached ?? 0).toBeGreaterThan(0);
  });

  it("puts a second school in the demo trust, with a term of marks, so the trust's side-by-side page compares two", async () => {
    const [school] = await h.db.select({ trustId: schools.trustId }).from(schools).where(eq(schools.id, schoolId));
    const rows = await trustFigures(h.db, school!.trustId, { period: "six_weeks" }, TODAY);
    expect(rows.map((r) => r.schoolName)).toEqual([DEMO_SCHOOL_NAME, DEMO_SECOND_SCHOOL_NAME]);
    expect(rows[1]!.pupils).toBe(30);
    expect(rows[1]!.attendancePercent).toBeGreaterThan(80);
    expect(rows[1]!.episodes).not.toBe(0);
    expect((await seedDemo(h, TODAY)).created).toBe(false);
  });
});
