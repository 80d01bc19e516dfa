import type { PageProps } from "../App";

export function BoardPage(_: PageProps & { visitId?: string }) {
  return <h1>Office board</h1>;
}
