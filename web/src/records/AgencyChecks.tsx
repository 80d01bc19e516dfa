/**
 * On a child's record: the checks made with other agencies about them (burgh
 * Appendix A Day 3: "continue multi-agency checks ... social care, other
 * schools"; burgh 9: liaise with professionals already involved) and the
 * alternative venues offered to the family (burgh 3, 9). The server lists only
 * the records the policy routed to the caller's roles.
 */
import { useApi } from "../useApi";
import { VisitRecordForm } from "./VisitRecordForm";
import { VisitRecordList } from "./VisitRecordList";
import type { VisitRecords } from "../../../src/contracts/records";

const KEPT_HERE = new Set(["agency_check", "alternative_venue"]);

export function AgencyChecks({ pupilId, canRecord }: { pupilId: string; canRecord: boolean }) {
  const records = useApi<VisitRecords>(`/api/visit-records?pupilId=${pupilId}`);
  const kept = (records.data?.records ?? []).filter((r) => KEPT_HERE.has(r.kind));
  return (
    <>
      <h2 id="agencies">Multi-agency checks and alternative venues</h2>
      {records.error && (
        <p role="alert" className="error-summary">
          {records.error}
        </p>
      )}
      {records.data && <VisitRecordList headingLevel={3} records={kept} empty="No checks with other agencies or alternative venues are recorded for you to read." />}
      {canRecord && <VisitRecordForm pupilId={pupilId} staff={[]} kinds={["agency_check", "alternative_venue"]} onDone={() => void records.reload()} />}
    </>
  );
}
