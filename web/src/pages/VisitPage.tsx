import type { PageProps } from "../App";

export function VisitPage(_: PageProps & { visitId?: string }) {
  return <h1>Visit</h1>;
}
