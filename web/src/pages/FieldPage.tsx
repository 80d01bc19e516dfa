import type { PageProps } from "../App";

export function FieldPage(_: PageProps & { visitId?: string }) {
  return <h1>Field</h1>;
}
