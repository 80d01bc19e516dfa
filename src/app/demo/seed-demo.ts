/**
 * Loads the demo trust: one school on the Burgh policy, a member of staff for
 * every role, and pupils with their families. Seeding twice changes nothing.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { familyContacts, pupils, schools, trusts } from "../../db/schema";
import { SYSTEM_ACTOR, writeAudited } from "../audit/write-audited";
import { addStaff } from "../people/add-staff";
import { DEMO_PASSWORD, DEMO_STAFF, demoPupils } from "./demo-people";

export const DEMO_SCHOOL_NAME = "Burgh Demo Primary School";

export interface SeedResult {
  created: boolean;
  schoolId: string;
}

export async function seedDemo(db: Database): Promise<SeedResult> {
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
        phone: "01754 810241",
        email: "attendance@burghschool.org.uk",
        address: "Bratoft Lane, Burgh le Marsh, PE24 5ES",
      })
      .returning();
    await audit({ action: "trust_created", entity: "trust", entityId: trust!.id, trustId: trust!.id, after: trust });
    await audit({ action: "school_created", entity: "school", entityId: school!.id, schoolId: school!.id, after: school });
    for (const p of demoPupils()) {
      const { parent, ...pupil } = p;
      const [row] = await tx.insert(pupils).values({ ...pupil, schoolId: school!.id }).returning({ id: pupils.id });
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

  for (const s of DEMO_STAFF) {
    await addStaff(db, SYSTEM_ACTOR, schoolId, { ...s, password: DEMO_PASSWORD });
  }
  return { created: true, schoolId };
}
