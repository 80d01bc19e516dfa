import { useEffect, useState } from "react";
import { api, ApiError, type SessionView } from "../api";
import { Link } from "../router";
import { SecondFactorStep, type SecondFactorPending } from "./SecondFactorStep";

export function LoginPage({ onSignedIn }: { onSignedIn: (s: SessionView) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [setupNeeded, setSetupNeeded] = useState(false);
  const [pending, setPending] = useState<SecondFactorPending | null>(null);
  useEffect(() => {
    void api<{ needed: boolean }>("GET", "/api/setup").then((r) => setSetupNeeded(r.needed), () => {});
  }, []);

  if (pending) return <SecondFactorStep pending={pending} onSignedIn={onSignedIn} onRestart={() => (setPending(null), setPassword(""))} />;

  return (
    <main id="main" className="login">
      <h1>Sign in to Doorstep</h1>
      <p className="muted">Home visits for attendance and safeguarding.</p>
      {error && (
        <div className="error-summary" role="alert">
          {error}
        </div>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const r = await api<SessionView | SecondFactorPending>("POST", "/api/auth/login", { email, password });
            if ("secondFactor" in r) setPending(r);
            else onSignedIn(r);
          } catch (err) {
            setError(err instanceof ApiError ? err.message : "Could not reach the server.");
          } finally {
            setBusy(false);
          }
        }}
      >
        <label htmlFor="email">Email</label>
        <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">Forgotten your password?</Link>
      </p>
      {setupNeeded && (
        <p>
          Running Doorstep for a real school? <Link to="/setup">Set up your school</Link> (once, with the code the server printed).
        </p>
      )}
    </main>
  );
}
