/**
 * The head's controls over a colleague's sign-in (issue 20): reset a lost phone's
 * second factor, lift a lock; and the school's "everyone" setting. Each is shown
 * only where the session's `may` allows it.
 */
import { api, may, type SessionView } from "../api";
import { useForm } from "../useForm";
import { useApi } from "../useApi";
import type { SchoolSecondFactor } from "../../../src/contracts/session";
import type { StaffMember } from "../../../src/contracts/staff";

/** The parts of a Staff row (GET /api/staff) these controls read. */
export type SignInState = Pick<StaffMember, "id" | "name" | "lockedUntil" | "secondFactorSetUp">;

export function SignInControls({ session, staff, onDone }: { session: SessionView; staff: SignInState; onDone: () => Promise<void> }) {
  const form = useForm({ onDone });
  const message = form.error ?? form.status;
  const locked = staff.lockedUntil !== null && new Date(staff.lockedUntil).getTime() > Date.now();
  const run = async (confirmText: string | null, method: "POST", path: string, done: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    await form.run(() => api(method, path), done);
  };
  return (
    <>
      <span>{staff.secondFactorSetUp ? "Two-factor sign-in set up. " : "No second factor. "}</span>
      {staff.secondFactorSetUp && staff.id !== session.user.id && may(session, "POST /api/staff/:userId/second-factor/reset") && (
        <button
          type="button"
          className="secondary"
          onClick={() => void run(`Reset ${staff.name}'s two-factor sign-in? They are signed out and set up a new code at their next sign-in.`, "POST", `/api/staff/${staff.id}/second-factor/reset`, "Reset: they set up a new code at their next sign-in.")}
        >
          Reset {staff.name}'s two-factor sign-in
        </button>
      )}
      {locked && may(session, "POST /api/staff/:userId/unlock") && (
        <button type="button" className="secondary" onClick={() => void run(null, "POST", `/api/staff/${staff.id}/unlock`, "Unlocked.")}>
          Unlock {staff.name}
        </button>
      )}
      {message && <span role="status"> {message}</span>}
    </>
  );
}

export function SchoolSecondFactorSetting({ session }: { session: SessionView }) {
  const { data, reload } = useApi<SchoolSecondFactor>("/api/school/second-factor");
  const form = useForm({ onDone: reload });
  const message = form.error ?? form.status;
  if (!data) return null;
  const editable = may(session, "PUT /api/school/second-factor");
  return (
    <section aria-labelledby="second-factor-setting">
      <h2 id="second-factor-setting">Two-factor sign-in</h2>
      <p>The headteacher, DSLs, deputy head, attendance lead and trust administrator always sign in with a code from their phone as well as their password.</p>
      <div className="checkbox">
        <input
          id="second-factor-everyone"
          type="checkbox"
          checked={data.everyone}
          disabled={!editable}
          onChange={(e) => {
            const everyone = e.target.checked;
            void form.run(() => api("PUT", "/api/school/second-factor", { everyone }), everyone ? "Everyone sets up a code at their next sign-in." : "Only the roles above need a code.");
          }}
        />
        <label htmlFor="second-factor-everyone">Ask it of every member of staff in this school</label>
      </div>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
