/**
 * The office board as the office reads it: which visits are on it, in what order
 * (alarm, red, amber, on time), and everything a row shows (team and vehicle,
 * children, next deadline, last step with its location, alerts, history), built
 * by PostgreSQL as one JSON text.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { pupils, safetyAlerts, safetyDeadlines, staffVehicles, visitCompanions, visitEvents, visitPupils, visits, visitTeam } from "../../db/schema";
import { openTestDatabase } from "../../test/test-database";
import { buildSchool, buildStaff } from "../../test/factories";
import { officeBoard, officeBoardJson, type BoardVisit } from "./office-board";

let db: DatabaseHandle;
let schoolId: string;
let otherSchoolId: string;
const staff: Record<string, string> = {};
const v: Record<string, string> = {};
const id = (map: Record<string, string>, name: string) => map[name]!;

const T0 = new Date("2026-11-24T09:00:00.123Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function visit(name: string, state: string, school = schoolId, startsAt: Date | null = at(0)) {
  const [row] = await db.db
    .insert(visits)
    .values({ schoolId: school, purpose: "eyes_on", state, day: "2026-11-24", address: `${name} Road, NN4 9BG`, startsAt, expectedBackAt: startsAt && at(120) })
    .returning();
  v[name] = row!.id;
  return row!.id;
}

async function event(visit: string, who: string, step: string, minutes: number, where: { latitude?: string; longitude?: string } = {}) {
  await db.db.insert(visitEvents).values({ id: randomUUID(), visitId: visit, schoolId, userId: staff[who]!, step, occurredAt: at(minutes), receivedAt: at(minutes), ...where });
}

beforeAll(async () => {
  db = await openTestDatabase();
  schoolId = (await buildSchool(db, { policyTemplateId: "coteford" })).id;
  otherSchoolId = (await buildSchool(db)).id;
  for (const name of ["amy", "ben", "cat"]) staff[name] = (await buildStaff(db, schoolId, ["visitor"], `${name}-${randomUUID()}@test.example`)).id;
  await db.db.insert(staffVehicles).values({ userId: staff.amy!, make: "Ford", model: "Fiesta", registration: "AB12 CDE", colour: "Blue" });
  await db.db.insert(staffVehicles).values({ userId: staff.ben!, make: "Kia", model: "Picanto", registration: "XY34 ZZZ", colour: "Red" });

  // On time: two staff, Amy driving; two children; a pending check-in.
  await visit("calm", "under_way");
  await db.db.insert(visitTeam).values([
    { visitId: v.calm!, userId: staff.amy!, driver: true },
    { visitId: v.calm!, userId: staff.ben!, driver: false },
  ]);
  // A social worker on a joint visit (burgh 9): the office can call them too.
  await db.db.insert(visitCompanions).values({ id: randomUUID(), visitId: v.calm!, name: "Sam Reed", organisation: "Children's Services", role: "Social worker", phone: "01522 000000", addedBy: staff.amy! });
  const [p1, p2] = await db.db
    .insert(pupils)
    .values([
      { schoolId, upn: "A100000000001", firstName: "Zoë", lastName: "Brontë" },
      { schoolId, upn: "A100000000002", firstName: "Adam", lastName: "Brontë" },
    ])
    .returning();
  await db.db.insert(visitPupils).values([
    { visitId: v.calm!, pupilId: p1!.id },
    { visitId: v.calm!, pupilId: p2!.id },
  ]);
  await event(v.calm!, "amy", "departed", 0);
  await event(v.calm!, "ben", "arrived", 10, { latitude: "52.2", longitude: "-0.9" });
  await db.db.insert(safetyDeadlines).values({ visitId: v.calm!, schoolId, kind: "check_in", dueAt: at(30), clause: "Coteford 2.4" });

  // Red: an overdue alert acknowledged at amber and escalated; an older alert stood down by a late check-in.
  await visit("late", "under_way", schoolId, at(5));
  await db.db.insert(visitTeam).values({ visitId: v.late!, userId: staff.cat! });
  await event(v.late!, "cat", "departed", 5);
  await db.db.insert(safetyAlerts).values([
    { visitId: v.late!, schoolId, kind: "overdue", level: "amber", dueAt: at(20), raisedAt: at(20), stoodDownAt: at(22), stoodDownNote: "Checked in late at 09:22" },
    { visitId: v.late!, schoolId, kind: "overdue", level: "red", dueAt: at(50), raisedAt: at(50), acknowledgements: [{ level: "amber", by: "Office", at: at(51).toISOString() }] },
  ]);

  // Amber.
  await visit("quiet", "under_way", schoolId, at(10));
  await db.db.insert(safetyAlerts).values({ visitId: v.quiet!, schoolId, kind: "overdue", level: "amber", dueAt: at(40), raisedAt: at(40) });

  // Alarm on a visit already completed: an alarm outlives the visit's state, with the phone's location.
  await visit("danger", "completed", schoolId, at(15));
  await db.db.insert(safetyAlerts).values({ visitId: v.danger!, schoolId, kind: "alarm", level: "alarm", raisedAt: at(60), latitude: "52.1", longitude: "-0.8" });

  // Cancelled while the team was out, and still out: on the board. Cancelled and home safe: off it.
  await visit("turnedBack", "cancelled", schoolId, null);
  await event(v.turnedBack!, "amy", "departed", 0);
  await visit("home", "cancelled");
  await event(v.home!, "amy", "departed", 0);
  await event(v.home!, "amy", "home_safe", 30);
  // Completed with a closed alarm and nothing pending; planned; another school's visit under way: off it.
  await visit("done", "completed");
  await db.db.insert(safetyAlerts).values({ visitId: v.done!, schoolId, kind: "alarm", level: "alarm", raisedAt: at(5), closedAt: at(9), closedNote: "False alarm: pressed in pocket" });
  await visit("planned", "planned");
  await visit("elsewhere", "under_way", otherSchoolId);
});
afterAll(async () => {
  await db?.close();
});

describe("the office board", () => {
  it("shows the visits the office must watch, most urgent first, and no other school's", async () => {
    const board = await officeBoard(db.db, schoolId);
    expect(board.map((b) => [b.visitId, b.status])).toEqual([
      [v.danger, "alarm"],
      [v.late, "red"],
      [v.quiet, "amber"],
      [v.calm, "on_time"],
      [v.turnedBack, "on_time"],
    ]);
  });

  it("gives each visit its team and vehicle, children, next deadline, last step and history", async () => {
    const calm = (await officeBoard(db.db, schoolId)).find((b) => b.visitId === v.calm)!;
    expect(calm).toEqual({
      visitId: id(v, "calm"),
      state: "under_way",
      teamOut: true,
      address: "calm Road, NN4 9BG",
      children: ["Adam Brontë", "Zoë Brontë"],
      startsAt: at(0).toISOString(),
      expectedBackAt: at(120).toISOString(),
      team: [
        { userId: id(staff, "amy"), name: "Test visitor", mobile: null, vehicle: "Blue Ford Fiesta, AB12 CDE" },
        { userId: id(staff, "ben"), name: "Test visitor", mobile: null, vehicle: null },
      ].sort((a, b) => a.userId.localeCompare(b.userId)),
      companions: [{ name: "Sam Reed", organisation: "Children's Services", role: "Social worker", phone: "01522 000000" }],
      nextDeadline: { kind: "check_in", dueAt: at(30).toISOString(), clause: "Coteford 2.4" },
      lastEvent: { step: "arrived", at: at(10).toISOString(), by: "Test visitor", latitude: "52.2", longitude: "-0.9" },
      status: "on_time",
      alerts: [],
      history: [
        { step: "departed", at: at(0).toISOString(), by: "Test visitor" },
        { step: "arrived", at: at(10).toISOString(), by: "Test visitor" },
      ],
    } satisfies BoardVisit);
  });

  it("lists every alert of a visit, newest first, saying which are still open and who acknowledged them", async () => {
    const board = await officeBoard(db.db, schoolId);
    const late = board.find((b) => b.visitId === v.late)!;
    expect(late.alerts).toEqual([
      expect.objectContaining({ level: "red", dueAt: at(50).toISOString(), open: true, acknowledgements: [{ level: "amber", by: "Office", at: at(51).toISOString() }], stoodDownNote: null }),
      expect.objectContaining({ level: "amber", dueAt: at(20).toISOString(), open: false, stoodDownNote: "Checked in late at 09:22" }),
    ]);
    const danger = board.find((b) => b.visitId === v.danger)!;
    expect(danger.alerts).toEqual([expect.objectContaining({ kind: "alarm", dueAt: null, open: true, latitude: "52.1", longitude: "-0.8" })]);
    expect(board.find((b) => b.visitId === v.turnedBack)).toMatchObject({ state: "cancelled", teamOut: true, startsAt: null, expectedBackAt: null, children: [], team: [], nextDeadline: null });
  });

  it("is one line of JSON, so a server-sent event can carry it as it is", async () => {
    const json = await officeBoardJson(db.db, schoolId);
    expect(json).not.toContain("\n");
    expect(JSON.parse(json)).toHaveLength(5);
  });

  it("is empty, not missing, for a school with nothing under way", async () => {
    const quiet = (await buildSchool(db)).id;
    expect(await officeBoardJson(db.db, quiet)).toBe("[]");
  });
});
