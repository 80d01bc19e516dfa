import { PolicyViolation } from "../../errors";
import { addDays, type IsoDate } from "../iso-date";

/**
 * The national penalty-notice framework (WTISA 2024; Education (Penalty
 * Notices) (England) (Amendment) Regulations 2024): a first notice is £80 if
 * paid within 21 days, £160 within 28; a second to the same parent for the
 * same child within three years is £160 within 28 days; a third within three
 * years is not issued: the LA considers other action (prosecution, a parenting
 * order, an attendance contract).
 */
export const PENALTY_CLAUSE = "Education (Penalty Notices) (England) Regulations 2007 as amended 2024";

export const MAX_NOTICES_IN_THREE_YEARS = 2;

export interface PenaltyTerms {
  /** 1 or 2: which notice this is to this parent for this child in three years. */
  noticeNumber: 1 | 2;
  amountPence: number;
  payBy: IsoDate;
  /** The first notice only: the lower amount if paid sooner. */
  reduced?: { amountPence: number; payBy: IsoDate };
}

/** The day three years before `day`: notices issued on or after it count. */
export function threeYearsBefore(day: IsoDate): IsoDate {
  const y = Number(day.slice(0, 4)) - 3;
  const md = day.slice(5);
  // 29 February three years back is 1 March.
  return md === "02-29" ? `${y}-03-01` : `${y}-${md}`;
}

/**
 * The terms of a notice issued on `issuedOn` to a parent who has had
 * `earlierNotices` notices for this child since threeYearsBefore(issuedOn).
 */
export function penaltyTerms(earlierNotices: number, issuedOn: IsoDate): PenaltyTerms {
  if (earlierNotices >= MAX_NOTICES_IN_THREE_YEARS) {
    throw new PolicyViolation(
      `this parent has had ${earlierNotices} penalty notices for this child in the last three years (at most ${MAX_NOTICES_IN_THREE_YEARS}): consider other action instead`,
      PENALTY_CLAUSE,
      "parentName",
    );
  }
  if (earlierNotices === 0) {
    return { noticeNumber: 1, amountPence: 16000, payBy: addDays(issuedOn, 28), reduced: { amountPence: 8000, payBy: addDays(issuedOn, 21) } };
  }
  return { noticeNumber: 2, amountPence: 16000, payBy: addDays(issuedOn, 28) };
}
