import type { PageProps } from "../App";

export function PolicyPage(_: PageProps) {
  return <h1>Policy</h1>;
}
