import type { PageProps } from "../App";

export function VisitsPage(_: PageProps & { visitId?: string }) {
  return <h1>Visits</h1>;
}
