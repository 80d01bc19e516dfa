import type { PageProps } from "../App";

export function ConcernsPage(_: PageProps) {
  return <h1>Concerns</h1>;
}
