import type { PageProps } from "../App";

export function CalendarPage(_: PageProps) {
  return <h1>Calendar</h1>;
}
