/**
 * Puts the synthetic trust into a database (PostgreSQL or PGlite) the way the
 * app would: rows in trusts, schools and pupils, each school's policy adopted
 * from its template (version 1, audited), its closures, a member of staff, and
 * the contact log, sightings and visits.
 */
import type { DatabaseHandle } from "../src/db/client";
import { contactAttempts, nonSchoolDays, pupils, schools, sightings, trusts, users, visitPupils, visits } from "../src/db/schema";
import { SYSTEM_ACTOR, writeAudited } from "../src/app/audit/write-audited";
import { adoptTemplate } from "../src/app/policy/school-policy";
import type { Activity, BenchCalendar, BenchSchool } from "./data";

export interface TrustInDb {
  trustId: string;
  staffId: string;
}

async function inChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function createTrust(h: DatabaseHandle, name: string, trust: BenchSchool[], calendar: BenchCalendar): Promise<TrustInDb> {
  const db = h.db;
  const [t] = await db.insert(trusts).values({ name }).returning({ id: trusts.id });
  const trustId = t!.id;
  const [staff] = await db
    .insert(users)
    .values({ email: `attendance-${trustId}@bench.doorstep.school`, name: "Bench Attendance Lead", passwordHash: "not-a-hash: bench user cannot sign in" })
    .returning({ id: users.id });
  for (const s of trust) {
    await db.insert(schools).values({ id: s.id, trustId, name: s.name, policyTemplateId: s.templateId });
    await writeAudited(db, SYSTEM_ACTOR, (tx, audit) => adoptTemplate(tx, audit, s.id, s.templateId, SYSTEM_ACTOR));
    await inChunks(calendar.closures, 1000, (chunk) => db.insert(nonSchoolDays).values(chunk.map((c) => ({ schoolId: s.id, day: c.day, kind: c.kind, label: c.label }))));
    await inChunks(s.pupils, 1000, (chunk) =>
      db.insert(pupils).values(
        chunk.map((p) => ({
          id: p.id,
          schoolId: s.id,
          upn: p.upn,
          firstName: p.firstName,
          lastName: p.lastName,
          yearGroup: p.yearGroup,
          className: p.className,
          householdKey: p.householdKey,
          addressLine1: p.addressLine1,
          town: p.town,
          postcode: p.postcode,
          vulnerabilities: p.vulnerabilities,
        })),
      ),
    );
  }
  return { trustId, staffId: staff!.id };
}

export async function addActivity(h: DatabaseHandle, trust: BenchSchool[], staffId: string, activity: Activity): Promise<void> {
  const db = h.db;
  const schoolId = (i: number) => trust[i]!.id;
  await inChunks(activity.contacts, 1000, (chunk) =>
    db.insert(contactAttempts).values(chunk.map((c) => ({ schoolId: schoolId(c.schoolIndex), pupilId: c.pupilId, day: c.day, method: "phone", reached: c.reached, recordedBy: staffId }))),
  );
  await inChunks(activity.sightings, 1000, (chunk) =>
    db.insert(sightings).values(chunk.map((s) => ({ schoolId: schoolId(s.schoolIndex), pupilId: s.pupilId, day: s.day, seenBy: "Social worker", recordedBy: staffId }))),
  );
  for (const v of activity.visits) {
    const [row] = await db
      .insert(visits)
      .values({ schoolId: schoolId(v.schoolIndex), purpose: "safe_and_well", state: v.outcome === "cancelled" ? "cancelled" : v.outcome === "no_contact" ? "no_contact" : "completed", day: v.day, answersAction: "safe_and_well_visit", proposedBy: staffId })
      .returning({ id: visits.id });
    await db.insert(visitPupils).values({ visitId: row!.id, pupilId: v.pupilId, outcome: v.outcome });
  }
}
