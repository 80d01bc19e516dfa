/**
 * School dates are Europe/London calendar dates. They are derived from an
 * instant here, at the edge, and passed into the domain as plain dates:
 * 31 March 23:30 UTC is already 1 April in London.
 */
const LONDON = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

export function londonDate(instant: Date): string {
  return LONDON.format(instant);
}
