export { evaluate } from "./evaluate";
export { situationOf } from "./evaluation-context";
export { parseScenario, type Scenario } from "./scenario";
export * from "./actions";
export * from "./codes";
export * from "./evaluation-input";
export { SchoolCalendar } from "./school-calendar";
export type { AbsenceRun, UnseenStreak } from "./pupil-situation";
export type { IsoDate } from "./iso-date";
