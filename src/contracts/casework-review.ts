/**
 * Case sampling (burgh 13), the half-term decision list (transform-trust 4.2)
 * and the trust's schools side by side (issue 16), as the server sends them.
 */
import { z } from "zod";
import { DECISION_CRITERIA, DECISIONS } from "../domain/oversight/decision-list";
import { Count } from "./oversight";

export const Recorded = z.object({ id: z.string(), duplicate: z.boolean() });
export type Recorded = z.infer<typeof Recorded>;

export const CaseSampleSummary = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  seed: z.number(),
  sizeAsked: z.number(),
  poolSize: z.number(),
  drawnName: z.string(),
  drawnAt: z.string(),
  visits: z.number(),
  reviewed: z.number(),
});
export const CaseSampleList = z.object({ samples: z.array(CaseSampleSummary) });
export type CaseSampleList = z.infer<typeof CaseSampleList>;

export const SampledVisit = z.object({
  visitId: z.string(),
  position: z.number(),
  day: z.string(),
  purpose: z.string(),
  state: z.string(),
  answersAction: z.string().nullable(),
  clause: z.string().nullable(),
  children: z.array(z.object({ pupilId: z.string(), firstName: z.string(), lastName: z.string() })),
  prefill: z.object({ reportComplete: z.boolean(), checkInsKept: z.boolean(), reportWhy: z.string(), checkInsWhy: z.string() }),
  finding: z.object({ reportComplete: z.boolean(), clauseFollowed: z.boolean(), checkInsKept: z.boolean(), note: z.string().nullable(), reviewedName: z.string(), reviewedAt: z.string() }).nullable(),
});
export type SampledVisit = z.infer<typeof SampledVisit>;
export const CaseSampleView = CaseSampleSummary.omit({ visits: true, reviewed: true }).extend({ visits: z.array(SampledVisit) });
export type CaseSampleView = z.infer<typeof CaseSampleView>;

export const FindingRecorded = z.object({ ok: z.literal(true), duplicate: z.boolean() });

const Criterion = z.enum(DECISION_CRITERIA);
const DecisionWord = z.enum(DECISIONS);
export const DecisionListSummary = z.object({ id: z.string(), criterion: Criterion, from: z.string(), to: z.string(), builtName: z.string(), builtAt: z.string(), pupils: z.number(), decided: z.number() });
export const DecisionListList = z.object({ lists: z.array(DecisionListSummary) });
export type DecisionListList = z.infer<typeof DecisionListList>;
export const DecisionListView = z.object({
  id: z.string(),
  criterion: Criterion,
  from: z.string(),
  to: z.string(),
  /** Where the sessions were counted from: the school year's start for persistent absence. */
  sessionsFrom: z.string(),
  builtName: z.string(),
  builtAt: z.string(),
  pupils: z.array(
    z.object({
      pupilId: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      yearGroup: z.string().nullable(),
      possibleSessions: z.number(),
      sessionsMissed: z.number(),
      attendancePercent: z.number().nullable(),
      decision: DecisionWord.nullable(),
      note: z.string().nullable(),
      visitId: z.string().nullable(),
      decidedName: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
});
export type DecisionListView = z.infer<typeof DecisionListView>;
export const DecisionRecorded = z.object({ ok: z.literal(true), duplicate: z.boolean(), visitId: z.string().nullable() });

export const TrustSchoolRow = z.object({
  schoolId: z.string(),
  schoolName: z.string(),
  from: z.string(),
  to: z.string(),
  pupils: Count,
  attendancePercent: z.number().nullable(),
  persistentlyAbsent: Count,
  severelyAbsent: Count,
  episodes: Count,
  onTimePercent: z.number().nullable(),
  closedLater: Count,
  open: Count,
  unseenChildren: Count,
  visits: Count,
  cancelled: Count,
  checkInsMissed: Count,
  alarms: Count,
  casesReviewed: Count,
});
export type TrustSchoolRow = z.infer<typeof TrustSchoolRow>;
export const TrustFiguresView = z.object({
  trustName: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), definition: z.string() })),
  schools: z.array(TrustSchoolRow),
});
export type TrustFiguresView = z.infer<typeof TrustFiguresView>;
