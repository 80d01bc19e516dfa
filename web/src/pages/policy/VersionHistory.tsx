import type { PolicyView } from "../../../../src/contracts/policy";
import { ScrollTable } from "../CalendarPage";
import { longDate, SINCE_ALWAYS } from "./policy-words";

/** Every version of the policy, newest first, with who changed it and why. */
export function VersionHistory({ versions }: { versions: PolicyView["versions"] }) {
  return (
    <>
    <h2 id="policy-versions">Version history</h2>
    <ScrollTable label="Version history (scrolls sideways)">
      <table>
        <caption className="visually-hidden">Versions of the policy, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">In force from</th>
            <th scope="col">Changed by</th>
            <th scope="col">What changed and why</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{v.effectiveFrom === SINCE_ALWAYS ? "Adoption" : longDate(v.effectiveFrom)}</td>
              <td>
                {v.changedBy}
                <span className="policy-note">{new Date(v.createdAt).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" })}</span>
              </td>
              <td>{v.changeNote ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
    </>
  );
}
