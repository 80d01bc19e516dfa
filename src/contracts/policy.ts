import { z } from "zod";
import type { PolicyTemplate } from "../domain/policy/template";

/** The review reminder the policy in force gives on a day (src/app/policy/school-policy.ts reviewReminder). */
export const ReviewReminder = z.object({ due: z.string(), overdue: z.boolean(), dueSoon: z.boolean(), clause: z.string(), awaitingApproval: z.boolean() });
export type ReviewReminder = z.infer<typeof ReviewReminder>;

/**
 * One saved version of the school's policy. The policy itself went through
 * policyTemplateSchema when it was saved and again when it was read
 * (parse-template.ts), so the reply does not parse it a third time: its schema
 * says unknown, its type says PolicyTemplate.
 */
export const PolicyVersionSchema = z.object({
  version: z.number(),
  templateId: z.string(),
  effectiveFrom: z.string(),
  changedBy: z.string(),
  changeNote: z.string().nullable(),
  createdAt: z.string(),
  policy: z.unknown(),
});
export type PolicyVersion = Omit<z.infer<typeof PolicyVersionSchema>, "policy"> & { policy: PolicyTemplate };

/** GET /api/policy: the version in force on the day, its review reminder, and every version without its text. */
export const PolicyView = z.object({ inForce: PolicyVersionSchema, review: ReviewReminder, versions: z.array(PolicyVersionSchema.omit({ policy: true })) });
export type PolicyView = Omit<z.infer<typeof PolicyView>, "inForce"> & { inForce: PolicyVersion };

/** GET /api/policy/templates (and the first-run setup): the seed templates a school can start from. */
export const TemplateChoice = z.object({ id: z.string(), name: z.string(), source: z.string() });
export type TemplateChoice = z.infer<typeof TemplateChoice>;
export const TemplateChoices = z.object({ templates: z.array(TemplateChoice) });
export type TemplateChoices = z.infer<typeof TemplateChoices>;
