import type { PageProps } from "../App";

export function IncidentsPage(_: PageProps) {
  return <h1>Incidents</h1>;
}
