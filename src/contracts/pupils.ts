/** GET /api/pupils and /api/pupils/:pupilId: the school's pupils, and one with the family's contacts in call order. */
import { z } from "zod";

export const PupilSummary = z.object({
  id: z.string(),
  upn: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  yearGroup: z.string().nullable(),
  className: z.string().nullable(),
  vulnerabilities: z.array(z.string()),
});
export type PupilSummary = z.infer<typeof PupilSummary>;

export const PupilList = z.object({ pupils: z.array(PupilSummary) });
export type PupilList = z.infer<typeof PupilList>;

export const FamilyContact = z.object({
  id: z.string(),
  name: z.string(),
  relationship: z.string(),
  parentalResponsibility: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
});
export type FamilyContact = z.infer<typeof FamilyContact>;

export const Pupil = PupilSummary.extend({
  dateOfBirth: z.string().nullable(),
  /** The day the name was added to the admission register (the new pupil return counts from it). */
  admittedOn: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  town: z.string().nullable(),
  postcode: z.string().nullable(),
  householdKey: z.string().nullable(),
  contacts: z.array(FamilyContact),
});
export type Pupil = z.infer<typeof Pupil>;

/** One day of a pupil's timeline: marks, contacts (with a sent text's number and delivery), replies, sightings and visits. */
export const TimelineDay = z.object({
  date: z.string(),
  am: z.string().nullable(),
  pm: z.string().nullable(),
  summary: z.string(),
  contacts: z.array(
    z.object({ method: z.string(), reached: z.boolean(), reasonGiven: z.string().nullable(), by: z.string(), at: z.string(), to: z.string().nullable(), delivery: z.string().nullable() }),
  ),
  replies: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      body: z.string().nullable(),
      safeAndWell: z.boolean().nullable(),
      reasonAbsent: z.string().nullable(),
      returnDate: z.string().nullable(),
      callbackNumber: z.string().nullable(),
      at: z.string(),
      confirmed: z.boolean(),
    }),
  ),
  sightings: z.array(z.object({ seenBy: z.string() })),
  visits: z.array(z.object({ purpose: z.string(), state: z.string(), outcome: z.string().nullable() })),
});
export type TimelineDay = z.infer<typeof TimelineDay>;

/** GET /api/pupils/:pupilId/timeline: marks, contacts, replies, sightings and visits, day by day, newest first. */
export const PupilTimeline = z.object({ days: z.array(TimelineDay) });
export type PupilTimeline = z.infer<typeof PupilTimeline>;
