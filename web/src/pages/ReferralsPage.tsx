import type { PageProps } from "../App";

export function ReferralsPage(_: PageProps) {
  return <h1>Referrals</h1>;
}
