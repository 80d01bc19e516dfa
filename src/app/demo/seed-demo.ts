/**
 * Loads the demo trust: a school on the Burgh policy with a member of staff
 * for every role, and pupils with their families; beside it a second school
 * of the trust on the Coteford policy, with its own pupils and term of marks
 * and no staff or casework, so the trust's pages compare two schools.
 * Seeding twice changes nothing.
 */
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "../../db/client";
import { contactAttempts, familyContacts, pupils, referrals, safetyAlerts, safetyDeadlines, schools, sightings, trusts, visitPupils, visitReports, visits } from "../../db/schema";
import type { IsoDate } from "../../domain/attendance";
import { SchoolCalendar } from "../../domain/attendance/school-calendar";
import { importMarks } from "../attendance/import-marks";
import { saveClosures } from "../attendance/school-calendar-store";
import { DEMO_STORIES, demoRegister } from "./demo-register";
import { DEMO_TERM_STORIES, type TermStory } from "./demo-term";
import { SYSTEM_ACTOR, writeAudited } from "../audit/write-audited";
import { addStaff } from "../people/add-staff";
import { adoptTemplate } from "../policy/school-policy";
import { DEMO_PASSWORD, DEMO_STAFF, demoPupils, secondSchoolPupils } from "./demo-people";

export const DEMO_SCHOOL_NAME = "Burgh Demo Primary School";
/** The trust's second school: no one signs in to it but the trust administrator (who sees the whole trust). */
export const DEMO_SECOND_SCHOOL_NAME = "Coteford Demo Academy";

export interface SeedResult {
  created: boolean;
  schoolId: string;
}

export async function seedDemo(h: DatabaseHandle, today: IsoDate): Promise<SeedResult> {
  const db = h.db;
  const [existing] = await db.select({ id: schools.id }).from(schools).where(eq(schools.name, DEMO_SCHOOL_NAME));
  if (existing) return { created: false, schoolId: existing.id };

  const { schoolId, trustId } = await writeAudited(db, SYSTEM_ACTOR, async (tx, audit) => {
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
    return { schoolId: school!.id, trustId: trust!.id };
  });

  const staffIds: string[] = [];
  for (const s of DEMO_STAFF) {
    staffIds.push((await addStaff(db, SYSTEM_ACTOR, schoolId, { ...s, password: DEMO_PASSWORD }, { kind: "operator" })).id);
  }
  const staffWith = (role: (typeof DEMO_STAFF)[number]["roles"][number]) => ({ id: staffIds[DEMO_STAFF.findIndex((s) => s.roles.includes(role))]!, name: DEMO_STAFF.find((s) => s.roles.includes(role))!.name });
  await seedDemoRegister(h, schoolId, today, staffWith("attendance_lead").id, { visitor: staffWith("visitor"), office: staffWith("office"), dsl: staffWith("dsl") });
  await seedSecondSchool(h, trustId, today);
  return { created: true, schoolId };
}

/** The second school: its policy, pupils (names and UPNs of its own) and the same term's calendar and marks, imported. */
async function seedSecondSchool(h: DatabaseHandle, trustId: string, today: IsoDate): Promise<void> {
  const roll = secondSchoolPupils();
  const schoolId = await writeAudited(h.db, SYSTEM_ACTOR, async (tx, audit) => {
    const [school] = await tx
      .insert(schools)
      .values({ trustId, name: DEMO_SECOND_SCHOOL_NAME, policyTemplateId: "coteford", demo: true, phone: "01632 960242", email: "office@coteford.demo.doorstep.school", address: "2 Demo Road, Coteford, PE24 6ZZ" })
      .returning();
    await audit({ action: "school_created", entity: "school", entityId: school!.id, schoolId: school!.id, after: school });
    await adoptTemplate(tx, audit, school!.id, "coteford", SYSTEM_ACTOR);
    for (const p of roll) {
      const { parent: _parent, ...pupil } = p;
      await tx.insert(pupils).values({ ...pupil, schoolId: school!.id });
    }
    await audit({ action: "demo_pupils_loaded", entity: "school", entityId: school!.id, schoolId: school!.id, after: { pupils: roll.length } });
    return school!.id;
  });
  const register = demoRegister(today, roll.map((p) => p.upn));
  await saveClosures(h.db, SYSTEM_ACTOR, schoolId, register.closures, "demo term dates");
  await importMarks(h, SYSTEM_ACTOR, { schoolIds: [schoolId] }, Readable.from([register.csv]), "csv", { fileName: "demo-term.csv" });
}

/** A term of marks through the real import, then the contacts, sightings and visits of the demo stories. */
type Staffer = { id: string; name: string };

async function seedDemoRegister(h: DatabaseHandle, schoolId: string, today: IsoDate, attendanceLeadId: string, staff: { visitor: Staffer; office: Staffer; dsl: Staffer }) {
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
    for (const story of DEMO_TERM_STORIES) await seedTermStory(tx, schoolId, idOf.get(upns[story.pupil]!)!, story, dayBack, attendanceLeadId, staff);
    await audit({ action: "demo_casework_loaded", entity: "school", entityId: schoolId, schoolId, after: { stories: [...DEMO_STORIES, ...DEMO_TERM_STORIES].map((s) => s.why) } });
  });
}

/**
 * One story from earlier in the term: its contacts, the visit made (as it stands
 * once over: the demo loads history, it does not walk a visit through its steps),
 * the report, the check-ins and the referral.
 */
async function seedTermStory(tx: Executor, schoolId: string, pupilId: string, story: TermStory, dayBack: (n: number) => IsoDate, attendanceLeadId: string, staff: { visitor: Staffer; office: Staffer; dsl: Staffer }) {
  const dayOf = (onDay: number) => dayBack(story.fromDaysAgo - onDay);
  for (const c of story.contacts) {
    await tx.insert(contactAttempts).values({ schoolId, pupilId, day: dayOf(c.onDay), method: c.method, reached: c.reached, reasonGiven: c.reason ?? null, recordedBy: attendanceLeadId });
  }
  const v = story.visit;
  if (v) {
    const day = dayOf(v.onDay);
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00Z`);
    const [visit] = await tx
      .insert(visits)
      .values({ schoolId, purpose: v.purpose, state: v.outcome === "no_contact" ? "no_contact" : "completed", day, answersAction: v.purpose === "eyes_on" ? "eyes_on_visit" : "safe_and_well_visit", proposedBy: attendanceLeadId, startsAt: at("10:00"), expectedBackAt: at("11:00") })
      .returning();
    await tx.insert(visitPupils).values({ visitId: visit!.id, pupilId, outcome: v.outcome });
    const [checkIn] = await tx
      .insert(safetyDeadlines)
      .values({ visitId: visit!.id, schoolId, kind: "check_in", dueAt: at("10:30"), clause: "burgh 8", state: v.missedCheckIn ? "fired" : "met", settledAt: at(v.missedCheckIn ? "10:30" : "10:25") })
      .returning();
    if (v.missedCheckIn) {
      await tx.insert(safetyAlerts).values({
        visitId: visit!.id,
        schoolId,
        kind: "overdue",
        deadlineId: checkIn!.id,
        level: "amber",
        dueAt: at("10:30"),
        raisedAt: at("10:30"),
        acknowledgements: [{ level: "amber", by: staff.office.name, at: at("10:34").toISOString() }],
        closedAt: at("10:41"),
        closedBy: staff.office.id,
        closedNote: "Reached the visitor by phone: signal lost on the estate, safe.",
      });
    }
    if (v.report !== "none") {
      const [child] = await tx.select({ firstName: pupils.firstName, lastName: pupils.lastName }).from(pupils).where(eq(pupils.id, pupilId));
      const seen = v.outcome === "child_seen";
      await tx.insert(visitReports).values({
        visitId: visit!.id,
        schoolId,
        reason: v.purpose === "eyes_on" ? "Not seen for 5 school days (burgh 6.3)" : "Absent with no successful contact (burgh 6.2)",
        peoplePresent: v.outcome === "no_contact" ? "Nobody answered" : "Parent",
        summary: seen ? "Child seen at home, safe and well." : v.outcome === "no_contact" ? "No answer; card left through the door." : "Parent seen at the door; child said to be asleep upstairs.",
        actionsAgreed: v.outcome === "no_contact" ? "None: nobody seen" : "Back in school on the next school day",
        followUpActions: v.report === "no_follow_up" ? "" : "Call the parent on the next school day",
        children: [{ pupilId, name: `${child!.firstName} ${child!.lastName}`, seen, outcome: v.outcome, attendance: null }],
        staffPresent: [staff.visitor.name],
        completedBy: staff.visitor.id,
        completedName: staff.visitor.name,
        completedRole: "visitor",
        completedOn: day,
        submittedAt: at("11:30"),
      });
    }
  }
  const r = story.referral;
  if (r) {
    await tx.insert(referrals).values({ schoolId, pupilId, kind: r.kind, fromAction: r.kind === "cme" ? "consider_cme_referral" : null, openedOn: dayOf(r.onDay), decidedBy: staff.dsl.id, decidedName: staff.dsl.name, reason: r.reason, status: "submitted" });
  }
}
