import type { PageProps } from "../App";
import { api } from "../api";
import { useForm } from "../useForm";
import { PushAlerts, pushOffOnThisDevice } from "./PushAlerts";
import { AccountSecurity } from "./AccountSecurity";
import type { SignedOutEverywhere } from "../../../src/contracts/session";

export function AccountPage({ session, refresh }: PageProps) {
  const everywhere = useForm({ onDone: refresh });
  const status = everywhere.error ?? everywhere.status;
  return (
    <>
      <h1>Account</h1>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{session.user.name}</dd>
        <dt>Email</dt>
        <dd>{session.user.email}</dd>
      </dl>
      {session.schools.length > 1 && (
        <>
          <h2>School</h2>
          <label htmlFor="school">Work in</label>
          <select
            id="school"
            value={session.schoolId ?? ""}
            onChange={async (e) => {
              await api("PUT", "/api/session/school", { schoolId: e.target.value });
              await refresh();
            }}
          >
            {session.schools.map((s) => (
              <option key={s.schoolId} value={s.schoolId}>
                {s.schoolName}
              </option>
            ))}
          </select>
        </>
      )}
      <PushAlerts />
      <AccountSecurity />
      <h2>Sign out</h2>
      <div className="actions">
        <button
          type="button"
          onClick={async () => {
            // A signed-out device should not keep getting this person's alerts.
            await pushOffOnThisDevice().catch(() => undefined);
            await api("POST", "/api/auth/logout");
            await refresh();
          }}
        >
          Sign out
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void everywhere.run(() => api<SignedOutEverywhere>("POST", "/api/auth/logout-everywhere"), (r) => `Signed out of ${r.sessionsEnded} session(s).`)}
        >
          Sign out everywhere
        </button>
      </div>
      {status && <p role="status">{status}</p>}
    </>
  );
}
