/** The action kinds of src/domain/attendance/actions.ts, in words, most urgent first. */
export const ACTION_WORDS: Record<string, string> = {
  eyes_on_visit: "Eyes-on home visit",
  consider_cme_referral: "Consider a CME referral",
  unannounced_visit: "Unannounced visit",
  safe_and_well_visit: "Safe-and-well visit",
  contact_parents: "Contact parents",
  notify_local_authority: "Notify the local authority",
  legal_threshold_review: "Review for legal proceedings",
  penalty_notice_review: "Review for a penalty notice",
};
export const KIND_ORDER = Object.keys(ACTION_WORDS);
export const actionWords = (kind: string) => ACTION_WORDS[kind] ?? kind.replaceAll("_", " ");
export const kindRank = (kind: string) => {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
};

export const longDate = (iso: string) => {
  // Built from parts: some ICU versions put a comma after the weekday.
  const d = new Date(`${iso}T12:00:00Z`);
  const part = (o: Intl.DateTimeFormatOptions) => d.toLocaleDateString("en-GB", { ...o, timeZone: "UTC" });
  return `${part({ weekday: "long" })} ${part({ day: "numeric" })} ${part({ month: "long" })} ${part({ year: "numeric" })}`;
};
