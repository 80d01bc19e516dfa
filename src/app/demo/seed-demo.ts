/**
 * Loads the demo trust: one school on the Burgh policy, a member of staff for
 * every role, and pupils with their families. Seeding twice changes nothing.
 */
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { contactAttempts, familyContacts, pupils, schools, sightings, trusts, visitPupils, visits } from "../../db/schema";
import type { IsoDate } from "../../domain/attendance";
import { SchoolCalendar } from "../../domain/attendance/school-calendar";
import { importMarks } from "../attendance/import-marks";
import { saveClosures } from "../attendance/school-calendar-store";
import { DEMO_STORIES, demoRegister } from "./demo-register";
import { SYSTEM_ACTOR, writeAudited } from "../audit/write-audited";
import { addStaff } from "../people/add-staff";
import { adoptTemplate } from "../policy/school-policy";
import { DEMO_PASSWORD, DEMO_STAFF, demoPupils } from "./demo-people";

export const DEMO_SCHOOL_NAME = "Burgh Demo Primary School";

export interface SeedResult {
  created: boolean;
  schoolId: string;
}

export async function seedDemo(h: DatabaseHandle, today: IsoDate): Promise<SeedResult> {
  const db = h.db;
  const [existing] = await db.select({ id: schools.id }).from(schools).where(eq(schools.name, DEMO_SCHOOL_NAME));
  if (existing) return { created: false, schoolId: existing.id };

  const schoolId = await writeAudited(db, SYSTEM_ACTOR, async (tx, audit) => {
    const [trust] = await tx.insert(trusts).values({ name: "Demo Learning Trust" }).returning();
    const [school] = await tx
      .insert(schools)
      .values({
        trustId: trust!.id,
        name: DEMO_SCHOOL_NAME,
        policyTemplateId: "burgh",
        demo: true,
        // Invented: Ofcom keeps 01632 960xxx for drama, so no real school's phone rings.
        phone: "01632 960241",
        email: "office@demo.doorstep.school",
        address: "1 Demo Lane, Burgh le Marsh, PE24 5ZZ",
      })
      .returning();
    await audit({ action: "trust_created", entity: "trust", entityId: trust!.id, trustId: trust!.id, after: trust });
    await audit({ action: "school_created", entity: "school", entityId: school!.id, schoolId: school!.id, after: school });
    await adoptTemplate(tx, audit, school!.id, "burgh", SYSTEM_ACTOR);
    const roll = demoPupils();
    // The last demo pupil (Leo Davies) joined on the school day before today: the new pupil return is owed on Today.
    const joinedOn = new SchoolCalendar().previousSchoolDay(today);
    for (const p of roll) {
      const { parent, ...pupil } = p;
      const admittedOn = p === roll[roll.length - 1] ? joinedOn : null;
      const [row] = await tx.insert(pupils).values({ ...pupil, admittedOn, schoolId: school!.id }).returning({ id: pupils.id });
      await tx.insert(familyContacts).values({
        schoolId: school!.id,
        pupilId: row!.id,
        name: parent.name,
        relationship: parent.relationship,
        parentalResponsibility: true,
        phone: parent.phone,
        email: parent.email,
        address: `${p.addressLine1}, ${p.town}, ${p.postcode}`,
      });
    }
    await audit({ action: "demo_pupils_loaded", entity: "school", entityId: school!.id, schoolId: school!.id, after: { pupils: demoPupils().length } });
    return school!.id;
  });

  const staffIds: string[] = [];
  for (const s of DEMO_STAFF) {
    staffIds.push((await addStaff(db, SYSTEM_ACTOR, schoolId, { ...s, password: DEMO_PASSWORD }, { kind: "operator" })).id);
  }
  await seedDemoRegister(h, schoolId, today, staffIds[DEMO_STAFF.findIndex((s) => s.roles.includes("attendance_lead"))]!);
  return { created: true, schoolId };
}

/** A term of marks through the real import, then the contacts, sightings and visits of the demo stories. */
async function seedDemoRegister(h: DatabaseHandle, schoolId: string, today: IsoDate, attendanceLeadId: string) {
  const rows = await h.db.select({ id: pupils.id, upn: pupils.upn }).from(pupils).where(eq(pupils.schoolId, schoolId));
  const upns = demoPupils().map((p) => p.upn);
  const idOf = new Map(rows.map((r) => [r.upn, r.id]));
  const register = demoRegister(today, upns);
  await saveClosures(h.db, SYSTEM_ACTOR, schoolId, register.closures, "demo term dates");
  await importMarks(h, SYSTEM_ACTOR, { schoolIds: [schoolId] }, Readable.from([register.csv]), "csv", { fileName: "demo-term.csv" });
  const dayBack = (n: number) => register.schoolDays[register.schoolDays.length - 1 - n]!;
  await writeAudited(h.db, SYSTEM_ACTOR, async (tx, audit) => {
    for (const story of DEMO_STORIES) {
      const pupilId = idOf.get(upns[story.pupil]!)!;
      for (const c of story.contacts ?? []) {
        await tx.insert(contactAttempts).values({ schoolId, pupilId, day: dayBack(c.daysAgo), method: c.method, reached: c.reached, reasonGiven: c.reason ?? null, recordedBy: attendanceLeadId });
      }
      for (const s of story.sightings ?? []) {
        await tx.insert(sightings).values({ schoolId, pupilId, day: dayBack(s.daysAgo), seenBy: s.seenBy, recordedBy: attendanceLeadId });
      }
      for (const v of story.visits ?? []) {
        const [visit] = await tx.insert(visits).values({ schoolId, purpose: v.purpose, state: v.outcome, day: dayBack(v.daysAgo), proposedBy: attendanceLeadId }).returning();
        await tx.insert(visitPupils).values({ visitId: visit!.id, pupilId, outcome: v.outcome });
      }
    }
    await audit({ action: "demo_casework_loaded", entity: "school", entityId: schoolId, schoolId, after: { stories: DEMO_STORIES.map((s) => s.why) } });
  });
}
