/** Dates and times as letters write them, in the school's time zone. */
const DAY = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const TIME = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

export const longDay = (d: Date) => DAY.format(d);
export const clockTime = (d: Date) => TIME.format(d);
export const dayAndTime = (d: Date) => `${DAY.format(d)}, ${TIME.format(d)}`;
/** A calendar date (YYYY-MM-DD) in words; noon UTC is the same day in London. */
export const longDate = (iso: string) => DAY.format(new Date(`${iso}T12:00:00Z`));
