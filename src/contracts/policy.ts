import { z } from "zod";

/** The review reminder the policy in force gives on a day (src/app/policy/school-policy.ts reviewReminder). */
export const ReviewReminder = z.object({ due: z.string(), overdue: z.boolean(), dueSoon: z.boolean(), clause: z.string(), awaitingApproval: z.boolean() });
export type ReviewReminder = z.infer<typeof ReviewReminder>;
