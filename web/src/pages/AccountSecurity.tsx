/** The Account page's sign-in section (issue 20): two-factor status, where you are signed in, and changing your password. */
import { useState } from "react";
import { api, errorText } from "../api";
import { useApi } from "../useApi";
import type { AccountView, PasswordChanged } from "../../../src/contracts/session";

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export function AccountSecurity() {
  const { data, reload } = useApi<AccountView>("/api/account");
  return (
    <>
      <h2>Two-factor sign-in</h2>
      {data &&
        (data.secondFactor.setUpAt ? (
          <p>
            Set up on {when(data.secondFactor.setUpAt)}. Recovery codes left: {data.secondFactor.recoveryCodesLeft}. Lost your phone? Ask your headteacher to reset it; you set up a new code at your next sign-in.
          </p>
        ) : (
          <p>Not set up: your role does not need it in this school.</p>
        ))}
      <h2>Where you are signed in</h2>
      {data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Your sessions</caption>
            <thead>
              <tr>
                <th scope="col">Signed in</th>
                <th scope="col">Last used</th>
                <th scope="col">Ends</th>
                <th scope="col">This device</th>
              </tr>
            </thead>
            <tbody>
              {data.sessions.map((s) => (
                <tr key={s.startedAt + s.lastSeenAt + String(s.current)}>
                  <td>{when(s.startedAt)}</td>
                  <td>{when(s.lastSeenAt)}</td>
                  <td>{when(s.expiresAt)}</td>
                  <td>{s.current ? "This device" : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ChangePassword onChanged={reload} />
    </>
  );
}

function ChangePassword({ onChanged }: { onChanged: () => Promise<void> }) {
  const [form, setForm] = useState({ currentPassword: "", newPassword: "", again: "" });
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section aria-labelledby="change-password">
      <h2 id="change-password">Change your password</h2>
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "error-summary" : "ok"}>
          {message.text}
        </p>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (form.newPassword !== form.again) {
            setMessage({ kind: "error", text: "The new password and the same again do not match." });
            return;
          }
          try {
            const r = await api<PasswordChanged>("POST", "/api/account/password", { currentPassword: form.currentPassword, newPassword: form.newPassword });
            setMessage({ kind: "ok", text: `Your password is changed.${r.sessionsEnded ? ` Signed out of ${r.sessionsEnded} other session(s).` : ""}` });
            setForm({ currentPassword: "", newPassword: "", again: "" });
            await onChanged();
          } catch (err) {
            setMessage({ kind: "error", text: errorText(err) });
          }
        }}
      >
        <label htmlFor="current-password">Current password</label>
        <input id="current-password" type="password" autoComplete="current-password" required value={form.currentPassword} onChange={set("currentPassword")} />
        <label htmlFor="new-password">New password (at least 10 characters)</label>
        <input id="new-password" type="password" autoComplete="new-password" required value={form.newPassword} onChange={set("newPassword")} />
        <label htmlFor="new-password-again">The same again</label>
        <input id="new-password-again" type="password" autoComplete="new-password" required value={form.again} onChange={set("again")} />
        <button type="submit">Change password</button>
      </form>
    </section>
  );
}
