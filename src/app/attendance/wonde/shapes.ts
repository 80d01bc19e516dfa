/**
 * What Wonde sends back, as zod schemas: only the fields Doorstep reads, each
 * record checked on its own so a refusal names the record and the field.
 * Shapes from Wonde's API documentation (docs.wonde.com: Students with the
 * education_details, extended_details, contacts and contacts.contact_details
 * includes; Contacts, whose `relationship` is an object; Attendance (session);
 * Attendance codes; Deletions; cursor pagination in meta.pagination).
 */
import { z } from "zod";

/** `{"date": "2026-03-04 00:00:00.000000", "timezone_type": 3, "timezone": "Europe/London"}` */
const WONDE_DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d+)?)?$/;

export const WondeDate = z.object({
  date: z.string().regex(WONDE_DATE, "must be a date as Wonde writes it (YYYY-MM-DD HH:MM:SS.ffffff)"),
  timezone_type: z.number().optional(),
  timezone: z.string().optional(),
});
export type WondeDate = z.infer<typeof WondeDate>;

/** The calendar date of a Wonde date object (already the school's local date: Wonde writes it in the school's zone). */
export const dayOf = (d: WondeDate): string => d.date.slice(0, 10);

export const Pagination = z.object({
  next: z.string().nullable().optional(),
  previous: z.string().nullable().optional(),
  more: z.boolean(),
  per_page: z.coerce.number().optional(),
  current_page: z.coerce.number().optional(),
});

export const PageEnvelope = z.object({ data: z.array(z.unknown()), meta: z.object({ pagination: Pagination.optional() }).passthrough().optional() });

const text = z.string().trim().max(200);
const optionalText = z.string().trim().max(200).nullable().optional();
const yesNo = z.union([z.boolean(), z.enum(["Y", "N", "Yes", "No", "true", "false", "1", "0"]).transform((v) => ["Y", "Yes", "true", "1"].includes(v))]).nullable().optional();

export const WondeContact = z.object({
  id: z.string().min(1),
  forename: optionalText,
  surname: optionalText,
  relationship: z
    .object({
      relationship: optionalText,
      parental_responsibility: yesNo,
      priority: z.coerce.number().int().min(0).max(99).nullable().optional(),
      lives_with_pupil: yesNo,
    })
    .nullable()
    .optional(),
  contact_details: z
    .object({
      data: z.object({
        emails: z.object({ email: optionalText, primary: optionalText }).partial().nullable().optional(),
        phones: z.object({ phone: optionalText, mobile: optionalText, home: optionalText, primary: optionalText }).partial().nullable().optional(),
      }),
    })
    .nullable()
    .optional(),
});
export type WondeContact = z.infer<typeof WondeContact>;

export const WondeStudent = z.object({
  id: z.string().min(1),
  forename: text.min(1),
  surname: text.min(1),
  date_of_birth: WondeDate.nullable().optional(),
  updated_at: WondeDate.nullable().optional(),
  education_details: z.object({
    data: z.object({
      upn: z.string().trim().min(1, "is empty: Doorstep matches marks to pupils by UPN"),
      current_nc_year: z.union([z.string(), z.number()]).nullable().optional(),
      leaving_date: WondeDate.nullable().optional(),
      /** The day the name went on the admission register (the new pupil return counts from it). */
      admission_date: WondeDate.nullable().optional(),
    }),
  }),
  extended_details: z
    .object({
      data: z
        .object({ looked_after: yesNo, child_protection_plan: yesNo, child_in_need: yesNo, sen_status: optionalText })
        .partial(),
    })
    .nullable()
    .optional(),
  classes: z.object({ data: z.array(z.object({ name: text })) }).nullable().optional(),
  contacts: z.object({ data: z.array(WondeContact) }).nullable().optional(),
});
export type WondeStudent = z.infer<typeof WondeStudent>;

export const WondeAttendanceCode = z.object({ id: z.string().min(1), code: z.string().min(1).max(4), description: optionalText });
export type WondeAttendanceCode = z.infer<typeof WondeAttendanceCode>;

/** `attendance_code` is the code's id, or the code itself when included. */
export const WondeSessionMark = z.object({
  id: z.string().min(1),
  student: z.union([z.string().min(1), z.object({ data: z.object({ id: z.string().min(1) }) })]),
  session: z.enum(["AM", "PM"]),
  date: WondeDate,
  attendance_code: z.union([z.string().min(1), z.object({ data: z.object({ id: z.string().optional(), code: z.string().min(1) }) })]),
  updated_at: WondeDate.nullable().optional(),
});
export type WondeSessionMark = z.infer<typeof WondeSessionMark>;

type Loose = Record<string, unknown> | null | undefined;
const isWondeDate = (d: unknown): boolean => {
  const o = d as Loose;
  if (typeof o !== "object" || o === null || typeof o.date !== "string" || !WONDE_DATE.test(o.date)) return false;
  return (o.timezone_type === undefined || typeof o.timezone_type === "number") && (o.timezone === undefined || typeof o.timezone === "string");
};

/**
 * WondeSessionMark for the common shape (the student and the code as ids), without
 * zod: a school's year is hundreds of thousands of marks. It accepts only records the
 * schema accepts, and returns the record itself (extra fields left on, unread);
 * anything else answers null, and the schema checks it and names the field.
 */
export function quickSessionMark(record: unknown): WondeSessionMark | null {
  const r = record as Loose;
  if (typeof r !== "object" || r === null) return null;
  if (typeof r.id !== "string" || r.id.length === 0) return null;
  if (typeof r.student !== "string" || r.student.length === 0) return null;
  if (r.session !== "AM" && r.session !== "PM") return null;
  if (typeof r.attendance_code !== "string" || r.attendance_code.length === 0) return null;
  if (!isWondeDate(r.date)) return null;
  if (r.updated_at != null && !isWondeDate(r.updated_at)) return null;
  return r as unknown as WondeSessionMark;
}

export const WondeDeletion = z.object({
  id: z.string().min(1),
  type: z.string(),
  restored: yesNo,
  deleted_at: WondeDate.nullable().optional(),
});
export type WondeDeletion = z.infer<typeof WondeDeletion>;

export const WondeSchool = z.object({ id: z.string().min(1), name: z.string().min(1) });
