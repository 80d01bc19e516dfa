import type { PageProps } from "../App";

export function LettersPage(_: PageProps) {
  return <h1>Letters</h1>;
}
