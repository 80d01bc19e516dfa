/**
 * A forgotten password (issue 20): ask for a link by email, then set a new
 * password with it. The link carries its token after "#", so it never reaches a
 * server log or another site's Referer.
 */
import { useState } from "react";
import { api } from "../api";
import { serverMessageOr, useForm } from "../useForm";
import { Link } from "../router";
import type { ResetRequested } from "../../../src/contracts/session";

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const { run, busy, error, status: message } = useForm({ explain: serverMessageOr("Could not reach the server.") });
  return (
    <main id="main" className="login">
      <h1>Forgotten your password?</h1>
      <p>Give the email address you sign in with. If it has an account, a link to set a new password is sent to it; the link works once, for 30 minutes.</p>
      {error && (
        <div className="error-summary" role="alert">
          {error}
        </div>
      )}
      {message ? (
        <p role="status" className="ok">
          {message}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api<ResetRequested>("POST", "/api/auth/password-reset", { email }), (r) => r.message);
          }}
        >
          <label htmlFor="reset-email">Email</label>
          <input id="reset-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <button type="submit" disabled={busy}>
            {busy ? "Sending…" : "Send me a link"}
          </button>
        </form>
      )}
      <p>
        <Link to="/">Back to sign in</Link>
      </p>
    </main>
  );
}

export function ResetPasswordPage() {
  const token = window.location.hash.slice(1);
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [done, setDone] = useState(false);
  const { run, busy, error, fail } = useForm({ explain: serverMessageOr("Could not reach the server.") });
  return (
    <main id="main" className="login">
      <h1>Set a new password</h1>
      {error && (
        <div className="error-summary" role="alert">
          {error}
        </div>
      )}
      {done ? (
        <p role="status" className="ok">
          Your new password is set, and every device that was signed in has been signed out. <Link to="/">Sign in</Link>
        </p>
      ) : !token ? (
        <p role="alert">This page needs the link from the email. <Link to="/forgot-password">Ask for a new link</Link>.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (password !== again) {
              fail("The two passwords are not the same.");
              return;
            }
            void run(async () => {
              await api("POST", "/api/auth/password-reset/complete", { token, password });
              window.history.replaceState(null, "", "/reset-password");
              setDone(true);
            });
          }}
        >
          <p>At least 10 characters; a few words you will remember are best.</p>
          <label htmlFor="new-password">New password</label>
          <input id="new-password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          <label htmlFor="new-password-again">The same again</label>
          <input id="new-password-again" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Set the new password"}
          </button>
        </form>
      )}
      {error && token && (
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      )}
    </main>
  );
}
