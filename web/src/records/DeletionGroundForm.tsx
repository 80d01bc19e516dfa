import { useId } from "react";
import { api } from "../api";
import { DELETION_GROUNDS, DELETION_GROUND_LABEL } from "../../../src/domain/attendance/statutory/deletion-grounds";
import { ErrorSummary, Status } from "./forms";
import { useForm } from "../useForm";

/** The register decides whereabouts unknown (20 school days); staff record the other grounds. */
const RECORDABLE = DELETION_GROUNDS.filter((g) => g !== "whereabouts_unknown");

/**
 * Record that a ground for deleting the child's name from the admission
 * register is met (PRR 2024 reg 9): a deletion return is then owed on Today,
 * before the name goes.
 */
export function DeletionGroundForm({ pupilId, childName }: { pupilId: string; childName: string }) {
  const id = useId();
  const { problems, status, busy, run } = useForm({ fields: { ground: `${id}-ground`, metOn: `${id}-on`, detail: `${id}-detail` } });
  return (
    <details className="rec-details deletion-ground">
      <summary>Record a ground for deletion from the register</summary>
      <ErrorSummary problems={problems} />
      <form
        className="rec-form"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          void run(async () => {
            await api("POST", "/api/statutory/deletion-grounds", { pupilId, ground: f.get("ground"), metOn: f.get("metOn"), detail: (f.get("detail") as string) || undefined });
            return `Recorded. A deletion return for ${childName} is now on Today: send it before the name leaves the register.`;
          });
        }}
      >
        <label htmlFor={`${id}-ground`}>Ground (Pupil Registration Regulations 2024, reg 9)</label>
        <select id={`${id}-ground`} name="ground" defaultValue="registered_elsewhere">
          {RECORDABLE.map((g) => (
            <option key={g} value={g}>
              {DELETION_GROUND_LABEL[g]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-on`}>Met on</label>
        <input id={`${id}-on`} name="metOn" type="date" required />
        <label htmlFor={`${id}-detail`}>New school or destination (if known)</label>
        <input id={`${id}-detail`} name="detail" />
        <button type="submit" disabled={busy}>
          Record the ground
        </button>
      </form>
      <Status>{status}</Status>
    </details>
  );
}
