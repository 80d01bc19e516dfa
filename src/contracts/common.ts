import { z } from "zod";

/**
 * Reply shapes shared by several resources. A contract module is pure (zod and
 * domain words only): the server validates its replies with it, and the web
 * imports its types (z.infer), so neither copies the other.
 */
export const Ok = z.object({ ok: z.literal(true) });
/** The id of what a write made. */
export const Created = z.object({ id: z.string() });

/** Where an owed email or push stands (src/app/notify/outbox.ts). */
export const MessageDelivery = z.object({
  channel: z.enum(["email", "push", "sms"]),
  status: z.enum(["queued", "sent", "failed", "not_configured", "no_recipients", "no_devices"]),
  to: z.array(z.string()),
  attempts: z.number(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type MessageDelivery = z.infer<typeof MessageDelivery>;

/** A member of staff's checks, training and vehicle, as the team check reads them. */
export const StaffRecord = z.object({
  userId: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  dbs: z
    .object({
      number: z.string(),
      issuedOn: z.string(),
    })
    .nullable(),
  barredListCheckedOn: z.string().nullable(),
  training: z.array(
    z.object({
      kind: z.string(),
      completedOn: z.string(),
      expiresOn: z.string().nullable(),
    }),
  ),
  vehicle: z
    .object({
      make: z.string(),
      model: z.string(),
      registration: z.string(),
      colour: z.string(),
      insuranceExpiresOn: z.string().nullable(),
    })
    .nullable(),
});
export type StaffRecord = z.infer<typeof StaffRecord>;

/** Attendance over a range of school days (src/domain/attendance/attendance-summary.ts). */
export const AttendanceSummary = z.object({
  from: z.string(),
  to: z.string(),
  possibleSessions: z.number(),
  attendedSessions: z.number(),
  sessionsMissed: z.number(),
  authorised: z.number(),
  unauthorised: z.number(),
  percent: z.number().nullable(),
});
export type AttendanceSummary = z.infer<typeof AttendanceSummary>;

/** The CPOMS/MyConcern reference in force for a record. */
export const ExternalReference = z.object({
  system: z.string(),
  reference: z.string(),
  recordedName: z.string(),
  at: z.string(),
});
export type ExternalReference = z.infer<typeof ExternalReference>;

/** The school's danger procedure (the policy's immediateDanger provision). */
export const ImmediateDanger = z.object({
  clause: z.string(),
  policeCalledBy: z.enum(["office", "staff", "not_stated"]),
  phone: z.string(),
  office: z.string(),
  fullReportRequired: z.boolean(),
});
