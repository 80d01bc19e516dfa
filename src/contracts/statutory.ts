import { z } from "zod";

/** POST /api/statutory/returns: when the return went to the LA, and whether it was late. */
export const ReturnSubmitted = z.object({ id: z.string(), submittedOn: z.string(), dueOn: z.string(), late: z.boolean() });
export type ReturnSubmitted = z.infer<typeof ReturnSubmitted>;

/** POST /api/statutory/penalty-decisions: a notice to improve (its window), a notice (amount, pay-by) or other support. */
export const PenaltyDecision = z.object({
  id: z.string(),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  amountPence: z.number().nullable(),
  payBy: z.string().nullable(),
  noticesInThreeYears: z.number().optional(),
});
export type PenaltyDecision = z.infer<typeof PenaltyDecision>;

/** GET /api/statutory/packs: the local authority packs, and the one this school works to. */
export const LaPacks = z.object({
  current: z.string(),
  packs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      source: z.string(),
      noticeToImproveWeeks: z.number(),
      notes: z.array(z.string()),
      returns: z.array(
        z.object({ duty: z.string(), title: z.string(), thresholdSchoolDays: z.number(), followUpEverySchoolDays: z.number(), fields: z.array(z.string()), sendBy: z.string(), sendTo: z.string(), ownerRole: z.string() }),
      ),
    }),
  ),
});
export type LaPacks = z.infer<typeof LaPacks>;

/** POST /api/statutory/deletion-grounds: the ground recorded, and the deletion return's episode it opens on Today. */
export const DeletionGroundRecorded = z.object({ id: z.string(), episodeKey: z.string() });
export type DeletionGroundRecorded = z.infer<typeof DeletionGroundRecorded>;
