import { z } from "zod";
import { TemplateChoice } from "./policy";

/** GET /api/setup: whether this machine still needs its first school, and the policies to start from. */
export const SetupStatus = z.object({ needed: z.boolean(), templates: z.array(TemplateChoice) });
export type SetupStatus = z.infer<typeof SetupStatus>;

/** POST /api/setup: the first school and its headteacher. */
export const FirstSchoolCreated = z.object({ schoolId: z.string(), headId: z.string() });
export type FirstSchoolCreated = z.infer<typeof FirstSchoolCreated>;
