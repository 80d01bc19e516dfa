import { z } from "zod";

/** GET /api/families/policy/:familyPolicyId: the school's policy as its families read it (no sign-in, no child). */
export const FamilyPolicy = z.object({
  schoolName: z.string(),
  policyName: z.string(),
  version: z.number(),
  inForceFrom: z.string().nullable(),
  nextReviewDue: z.string(),
  sections: z.array(z.object({ heading: z.string(), items: z.array(z.object({ text: z.string(), clause: z.string().nullable() })) })),
  contact: z.object({ phone: z.string().nullable(), email: z.string().nullable(), address: z.string().nullable() }),
});
export type FamilyPolicy = z.infer<typeof FamilyPolicy>;

/** GET /api/policy/family-link: where the school's families find it, to share. */
export const FamilyPolicyLink = z.object({ path: z.string(), pdfPath: z.string(), url: z.string() });
export type FamilyPolicyLink = z.infer<typeof FamilyPolicyLink>;
