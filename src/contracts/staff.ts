import { z } from "zod";
import { StaffRecord } from "./common";
import { ROLES } from "../domain/people/roles";

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

/** A member of staff's account in this school, as the Staff page lists it. */
export const StaffMember = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  mobile: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  secondFactorSetUp: z.boolean(),
  roles: z.array(z.string()),
});
export type StaffMember = z.infer<typeof StaffMember>;

/** GET /api/staff: the staff, and the roles the caller may grant. */
export const StaffList = z.object({ staff: z.array(StaffMember), grantable: z.array(z.enum(ROLES)) });
export type StaffList = z.infer<typeof StaffList>;

/** POST /api/staff/:userId/disable: what a leaver's account lost, and the visits they came off. */
export const StaffDisabled = z.object({
  sessionsEnded: z.number(),
  calendarFeedsStopped: z.number(),
  devicesForgotten: z.number(),
  offVisits: z.array(z.object({ visitId: z.string(), day: z.string() })),
});
export type StaffDisabled = z.infer<typeof StaffDisabled>;
