import type { ActionFacts } from "../actions";
import type { PupilSituation } from "../pupil-situation";

/** What a rule found for one pupil: why the action is due, and the dates behind it. */
export interface Finding {
  reason: string;
  facts: ActionFacts;
}

/** A rule made ready for one evaluation (windows worked out once), then asked about each pupil. */
export type PupilCheck = (pupil: PupilSituation) => Finding | null;
