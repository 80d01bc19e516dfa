import { z } from "zod";
import { StaffRecord } from "./common";

/** GET /api/staff/records: checks, training and vehicles, and what runs out within 30 days. */
export const StaffRecords = z.object({
  records: z.array(
    StaffRecord.extend({
      training: z.array(z.object({ id: z.string(), kind: z.string(), completedOn: z.string(), expiresOn: z.string().nullable() })),
      roles: z.array(z.string()),
      email: z.string(),
    }),
  ),
  expiringSoon: z.array(z.object({ userId: z.string(), name: z.string(), what: z.string(), expiresOn: z.string() })),
});
export type StaffRecords = z.infer<typeof StaffRecords>;
