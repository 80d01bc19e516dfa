/** Dates and times as the school reads them: always in UK time, whatever the device's zone. */
const ZONE = "Europe/London";

const DAY = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: ZONE });
const SHORT_DAY = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: ZONE });
const TIME = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: ZONE });
const PARTS = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: ZONE });

/** "2027-01-12" → "Tuesday 12 January 2027" (noon UTC is the same day in London; newer browsers write "Tuesday, 12 …", as the server's letters do). */
export const longDate = (isoDay: string) => DAY.format(new Date(`${isoDay}T12:00:00Z`));
/** "2027-12" → "December 2027": policies date their reviews to the month. */
export const monthYear = (ym: string) => new Date(`${ym}-15T12:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
/** "2027-01-12" → "Tue 12 Jan". */
export const shortDate = (isoDay: string) => SHORT_DAY.format(new Date(`${isoDay}T12:00:00Z`));
/** An instant → "10:30" in London. */
export const clockTime = (iso: string) => TIME.format(new Date(iso));
/** An instant → "Tuesday 12 January 2027 at 10:30". */
export const dayAndTime = (iso: string) => `${DAY.format(new Date(iso))} at ${TIME.format(new Date(iso))}`;

function wallClock(ms: number) {
  const p = Object.fromEntries(PARTS.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour === "24" ? "00" : p.hour!, mi: p.minute!, s: p.second! };
}

/** Minutes London is ahead of UTC at an instant (0 or 60). */
function londonOffsetMinutes(ms: number): number {
  const w = wallClock(ms);
  const asUtc = Date.UTC(Number(w.y), Number(w.mo) - 1, Number(w.d), Number(w.h), Number(w.mi), Number(w.s));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** An instant → the London date "YYYY-MM-DD". */
export function londonDay(iso: string | number): string {
  const w = wallClock(typeof iso === "number" ? iso : Date.parse(iso));
  return `${w.y}-${w.mo}-${w.d}`;
}

export const londonToday = () => londonDay(Date.now());

/** An instant → the value of a datetime-local input, in London time ("2027-01-12T10:30"). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const w = wallClock(Date.parse(iso));
  return `${w.y}-${w.mo}-${w.d}T${w.h}:${w.mi}`;
}

/** A datetime-local value read as London time → ISO 8601 with its offset ("2027-01-12T10:30:00+00:00"). */
export function fromLocalInput(local: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(local);
  if (!m) throw new Error("Enter a date and time.");
  const asUtc = Date.parse(`${m[1]}T${m[2]}:00Z`);
  let offset = londonOffsetMinutes(asUtc);
  offset = londonOffsetMinutes(asUtc - offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${m[1]}T${m[2]}:00${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export const STATE_LABELS: Record<string, string> = {
  proposed: "Proposed (waiting for approval)",
  approved: "Approved",
  planned: "Planned",
  under_way: "Under way",
  completed: "Completed",
  no_contact: "Finished: no contact",
  cancelled: "Cancelled",
};

export const PURPOSE_LABELS: Record<string, string> = {
  safe_and_well: "Safe-and-well visit",
  eyes_on: "Eyes-on visit",
  unannounced: "Unannounced visit",
  appointment: "Visit by appointment",
  follow_up: "Follow-up visit",
  phased_return: "Phased return visit",
};

export const stateLabel = (s: string) => STATE_LABELS[s] ?? s.replaceAll("_", " ");
export const purposeLabel = (s: string) => PURPOSE_LABELS[s] ?? s.replaceAll("_", " ");

/** "Łucja Nowak", "Łucja Nowak and Jack Nowak", "A, B and C". */
export function names(list: string[]): string {
  if (list.length <= 1) return list[0] ?? "";
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}
