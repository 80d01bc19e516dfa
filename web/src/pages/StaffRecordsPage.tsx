import type { PageProps } from "../App";

export function StaffRecordsPage(_: PageProps & { visitId?: string }) {
  return <h1>Staff checks</h1>;
}
