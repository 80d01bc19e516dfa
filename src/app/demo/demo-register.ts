/**
 * A term of register marks, contacts, sightings and visits for the demo school,
 * laid out backwards from the latest school day so that a fresh start shows a
 * realistic morning under the Burgh policy: a day-1 absence, a day-3 visit, a
 * vulnerable child's day-2 visit, an eyes-on visit, a 10-day notification and a
 * CME question after nobody answered the door.
 */
import { SchoolCalendar } from "../../domain/attendance";
import { addDays, type IsoDate } from "../../domain/attendance/iso-date";
import { termCode } from "./demo-term";

export interface DemoStory {
  /** Index into demoPupils(). */
  pupil: number;
  /** Codes for the last school days, oldest first, ending on the anchor day (AM and PM the same). */
  lastDays: string[];
  contacts?: { daysAgo: number; reached: boolean; method: string; reason?: string }[];
  sightings?: { daysAgo: number; seenBy: string }[];
  visits?: { daysAgo: number; outcome: "no_contact" | "child_seen"; purpose: string }[];
  why: string;
}

export const DEMO_STORIES: DemoStory[] = [
  { pupil: 0, lastDays: ["N"], why: "Day 1: no reason yet, nobody reached (burgh 6.1)" },
  {
    pupil: 1,
    lastDays: ["N", "N", "N"],
    contacts: [
      { daysAgo: 2, reached: false, method: "phone" },
      { daysAgo: 1, reached: false, method: "text" },
    ],
    why: "Day 3 with no successful contact: safe-and-well visit (burgh 6.2)",
  },
  { pupil: 3, lastDays: ["N", "N"], contacts: [{ daysAgo: 1, reached: false, method: "phone" }], why: "Known to social care: visit from Day 2 (burgh 6.2, sooner for vulnerable children)" },
  {
    pupil: 4,
    lastDays: ["I", "I", "I", "I", "I", "I"],
    contacts: [{ daysAgo: 5, reached: true, method: "phone", reason: "Chickenpox" }],
    why: "Ill and explained, but not seen for 6 school days: eyes-on visit (burgh 6.3)",
  },
  {
    pupil: 8,
    lastDays: ["I", "I", "I", "I", "I", "I", "I"],
    contacts: [{ daysAgo: 6, reached: true, method: "phone", reason: "Tonsillitis" }],
    why: "Ill and explained, but not seen for 7 school days: eyes-on visit (burgh 6.3)",
  },
  {
    pupil: 5,
    lastDays: ["N", "N", "O", "O", "O", "O", "O", "O", "O", "O"],
    contacts: [
      { daysAgo: 9, reached: false, method: "phone" },
      { daysAgo: 6, reached: false, method: "letter" },
    ],
    visits: [{ daysAgo: 4, outcome: "no_contact", purpose: "safe_and_well" }],
    why: "10 unauthorised days: PNAR notification, eyes-on visit, and CME after nobody answered",
  },
  {
    pupil: 6,
    lastDays: ["G", "G", "G", "G", "G"],
    contacts: [{ daysAgo: 4, reached: true, method: "phone", reason: "Family holiday abroad" }],
    why: "Holiday not authorised, parent reached: the unseen count passes over G days (no visit)",
  },
  {
    pupil: 7,
    lastDays: ["M", "M", "M", "M", "M", "M"],
    contacts: [{ daysAgo: 5, reached: true, method: "phone", reason: "Hospital appointment and recovery" }],
    sightings: [{ daysAgo: 1, seenBy: "School nurse at the hospital ward" }],
    why: "Absent but seen by the school nurse: no eyes-on visit",
  },
];

export interface DemoRegister {
  anchor: IsoDate;
  closures: { from: IsoDate; to: IsoDate; kind: "holiday" | "inset"; label: string }[];
  csv: string;
  schoolDays: IsoDate[];
}

/** The latest weekday on or before `today` (the demo's calendar closes no day near it). */
export function demoAnchor(today: IsoDate, calendar = new SchoolCalendar()): IsoDate {
  return calendar.isSchoolDay(today) ? today : calendar.previousSchoolDay(today);
}

export function demoRegister(today: IsoDate, upns: string[]): DemoRegister {
  const plain = new SchoolCalendar();
  const anchor = demoAnchor(today, plain);
  // A half-term week five weeks back and an INSET day, so school days are not calendar days.
  const halfTermMonday = addDays(anchor, -35 - ((new Date(`${anchor}T12:00:00Z`).getUTCDay() + 6) % 7));
  const closures = [
    { from: halfTermMonday, to: addDays(halfTermMonday, 4), kind: "holiday" as const, label: "Half term" },
    { from: addDays(halfTermMonday, 7), to: addDays(halfTermMonday, 7), kind: "inset" as const, label: "INSET day" },
  ];
  const closed: IsoDate[] = [];
  for (const c of closures) for (let d = c.from; d <= c.to; d = addDays(d, 1)) closed.push(d);
  const calendar = new SchoolCalendar(closed);
  const schoolDays = calendar.lastSchoolDays(anchor, 60);

  const stories = new Map(DEMO_STORIES.map((s) => [s.pupil, s]));
  const lines = ["upn,date,session,code"];
  upns.forEach((upn, i) => {
    const story = stories.get(i);
    schoolDays.forEach((day, d) => {
      const fromEnd = schoolDays.length - 1 - d;
      let code = "/";
      if (story && fromEnd < story.lastDays.length) code = story.lastDays[story.lastDays.length - 1 - fromEnd]!;
      else if (story && fromEnd === story.lastDays.length) code = "/";
      // Earlier in the term: absences followed up and closed (demo-term.ts).
      else if (termCode(i, fromEnd) !== undefined) code = termCode(i, fromEnd)!;
      // Background: the odd illness, appointment or late mark, deterministic per pupil and day.
      else if ((i * 31 + d * 17) % 97 === 0) code = "I";
      else if ((i * 13 + d * 7) % 89 === 0) code = "M";
      else if ((i * 11 + d * 5) % 53 === 0) code = "L";
      for (const session of ["AM", "PM"]) {
        // Today's PM register is not taken yet.
        if (day === anchor && session === "PM") continue;
        lines.push(`${upn},${day},${session},${code}`);
      }
    });
  });
  return { anchor, closures, csv: lines.join("\n") + "\n", schoolDays };
}
