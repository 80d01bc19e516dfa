/**
 * The school's policy as its families read it (scargill: "a copy of this policy
 * will be made available to parents"; transform-trust: "made available to
 * parent/carers"), from the version in force today: a page anyone with the
 * link may open without signing in, and the same as a PDF. It carries the
 * school's name and contact details and its policy, and nothing about a child.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { schools } from "../../db/schema";
import type { IsoDate } from "../../domain/attendance";
import { NotFound } from "../../domain/errors";
import { familyPolicyCopy, type FamilyPolicyCopy } from "../../domain/policy/family-copy";
import { renderFamilyPolicyPdf } from "../../rendering";
import { longDate } from "../documents/format";
import { policyInForce } from "./school-policy";

/** The path families open, relative to Doorstep's address. */
export const familyPolicyPath = (familyPolicyId: string) => `/families/policy/${familyPolicyId}`;

/** Where staff find the school's family copy to share (the Policy page). */
export async function familyPolicyLink(db: Executor, schoolId: string): Promise<{ path: string; pdfPath: string }> {
  const [school] = await db.select({ id: schools.familyPolicyId }).from(schools).where(eq(schools.id, schoolId));
  if (!school) throw new NotFound("school", "schoolId");
  return { path: familyPolicyPath(school.id), pdfPath: `/api${familyPolicyPath(school.id)}/pdf` };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The family copy behind a public id. An unknown id is a 404 naming no school. */
export async function familyPolicyOf(db: Executor, familyPolicyId: string, today: IsoDate): Promise<FamilyPolicyCopy> {
  // Checked here too: the column is a uuid, and PostgreSQL refuses a malformed one with an error, not "no row".
  const [school] = UUID.test(familyPolicyId) ? await db.select().from(schools).where(eq(schools.familyPolicyId, familyPolicyId)) : [];
  if (!school) throw new NotFound("policy", "familyPolicyId");
  const inForce = await policyInForce(db, school.id, today);
  return familyPolicyCopy(inForce.policy, school, inForce);
}

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** The family copy as a PDF, for the school's website or to hand out: the same words as the page. */
export async function familyPolicyPdf(db: Executor, familyPolicyId: string, today: IsoDate): Promise<{ pdf: Buffer; filename: string }> {
  const copy = await familyPolicyOf(db, familyPolicyId, today);
  const pdf = await renderFamilyPolicyPdf({
    copy,
    inForce: copy.inForceFrom === null ? "in force since the school adopted it" : `in force from ${longDate(copy.inForceFrom)}`,
    nextReview: MONTH.format(new Date(`${copy.nextReviewDue}-01T12:00:00Z`)),
  });
  return { pdf, filename: "home-visits-for-families.pdf" };
}
