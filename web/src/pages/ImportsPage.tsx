import type { PageProps } from "../App";

export function ImportsPage(_: PageProps) {
  return <h1>Imports</h1>;
}
