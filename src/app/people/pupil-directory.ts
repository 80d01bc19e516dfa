/** The school's pupils as the Pupils page lists them, and one pupil with the family's contacts in call order. */
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { familyContacts, pupils } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import type { Pupil, PupilSummary } from "../../contracts/pupils";

/** Every pupil of the school, by surname; the route keeps those in the caller's reach. */
export async function listPupils(db: Executor, schoolId: string): Promise<PupilSummary[]> {
  return db
    .select({
      id: pupils.id,
      upn: pupils.upn,
      firstName: pupils.firstName,
      lastName: pupils.lastName,
      yearGroup: pupils.yearGroup,
      className: pupils.className,
      vulnerabilities: pupils.vulnerabilities,
    })
    .from(pupils)
    .where(eq(pupils.schoolId, schoolId))
    .orderBy(asc(pupils.lastName), asc(pupils.firstName));
}

/** One pupil of this school (NotFound otherwise, as if it did not exist) with the contacts in call order. */
export async function readPupil(db: Executor, schoolId: string, pupilId: string): Promise<Pupil> {
  const [p] = await db.select().from(pupils).where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, schoolId)));
  if (!p) throw new NotFound("pupil", "pupilId");
  const contacts = await db
    .select({
      id: familyContacts.id,
      name: familyContacts.name,
      relationship: familyContacts.relationship,
      parentalResponsibility: familyContacts.parentalResponsibility,
      phone: familyContacts.phone,
      email: familyContacts.email,
      address: familyContacts.address,
    })
    .from(familyContacts)
    .where(eq(familyContacts.pupilId, p.id))
    .orderBy(asc(familyContacts.priority));
  return { ...p, contacts };
}
