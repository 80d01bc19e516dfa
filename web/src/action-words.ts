import { ACTION_WORDS, actionName } from "../../src/domain/words";

/** The action kinds, most urgent first (the order of the domain's words table). */
export const KIND_ORDER: string[] = Object.keys(ACTION_WORDS);
export const actionWords = actionName;
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
