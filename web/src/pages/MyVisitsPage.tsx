import type { PageProps } from "../App";

export function MyVisitsPage(_: PageProps & { visitId?: string }) {
  return <h1>My visits</h1>;
}
