import type { PageProps } from "../App";

export function TrustPage(_: PageProps) {
  return <h1>Trust</h1>;
}
