import { z } from "zod";
import { and, asc, eq } from "drizzle-orm";
import type { AppInstance } from "../server";
import { familyContacts, pupils } from "../../db/schema";
import { NotFound } from "../../domain/errors";
import { schoolOf } from "../auth-hook";
import { pupilsInReach } from "../reach-guard";
import { inReach } from "../../app/people/reach";

const PupilSummary = z.object({
  id: z.string(),
  upn: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  yearGroup: z.string().nullable(),
  className: z.string().nullable(),
  vulnerabilities: z.array(z.string()),
});

const Pupil = PupilSummary.extend({
  dateOfBirth: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  town: z.string().nullable(),
  postcode: z.string().nullable(),
  householdKey: z.string().nullable(),
  contacts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      relationship: z.string(),
      parentalResponsibility: z.boolean(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      address: z.string().nullable(),
    }),
  ),
});

export function pupilRoutes(app: AppInstance) {
  const db = app.deps.database.db;
  app.get("/api/pupils", { schema: { tags: ["pupils"], summary: "Pupils of the current school within the caller's reach (a visitor: the children on their visits)", response: { 200: z.object({ pupils: z.array(PupilSummary) }) } } }, async (req) => {
    const reached = await pupilsInReach(db, req, app.deps.now());
    const rows = await db
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
      .where(eq(pupils.schoolId, schoolOf(req)))
      .orderBy(asc(pupils.lastName), asc(pupils.firstName));
    return { pupils: rows.filter((p) => inReach(reached, p.id)) };
  });

  app.get(
    "/api/pupils/:pupilId",
    { schema: { tags: ["pupils"], summary: "One pupil with their family contacts", params: z.object({ pupilId: z.uuid() }), response: { 200: Pupil } } },
    async (req) => {
      const [p] = await db.select().from(pupils).where(and(eq(pupils.id, req.params.pupilId), eq(pupils.schoolId, schoolOf(req))));
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
    },
  );
}
