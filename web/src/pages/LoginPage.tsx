import { useEffect, useState } from "react";
import { api, type SessionView } from "../api";
import { serverMessageOr, useForm } from "../useForm";
import { Link } from "../router";
import { SSO_REFUSAL_MESSAGES, type SsoRefusal } from "../../../src/domain/sign-on/identity";
import type { SignOnSchools } from "../../../src/contracts/sign-on";
import type { SetupStatus } from "../../../src/contracts/setup";


/** After single sign-on without the provider's own second factor, the server sends the browser here with the challenge in the fragment. */
function pendingFromSignOn(): SecondFactorPending | null {
  const p = new URLSearchParams(window.location.hash.slice(1));
  const step = p.get("second-factor");
  const challenge = p.get("challenge");
  if ((step !== "enroll" && step !== "verify") || !challenge) return null;
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  return { secondFactor: step, challenge, expiresAt: p.get("expires") ?? "", passkey: p.get("passkey") === "1" };
}

const PROVIDER_NAMES = { microsoft: "Microsoft", google: "Google" } as const;

/** The reason the server gave when it sent the browser back from the identity provider. */
function refusalFromUrl(): string | null {
  const reason = new URLSearchParams(window.location.search).get("sso_error");
  return reason && reason in SSO_REFUSAL_MESSAGES ? SSO_REFUSAL_MESSAGES[reason as SsoRefusal] : null;
}
import { SecondFactorStep, type SecondFactorPending } from "./SecondFactorStep";

export function LoginPage({ onSignedIn, ended = false }: { onSignedIn: (s: SessionView) => void; ended?: boolean }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  /** Why the identity provider sent the browser back, until the next try. */
  const [refused, setRefused] = useState<string | null>(refusalFromUrl);
  const form = useForm({ explain: serverMessageOr("Could not reach the server.") });
  const error = form.error ?? refused;
  const busy = form.busy;
  const [signOn, setSignOn] = useState<SignOnSchools["schools"][number][]>([]);
  const [setupNeeded, setSetupNeeded] = useState(false);
  const [pending, setPending] = useState<SecondFactorPending | null>(pendingFromSignOn);
  useEffect(() => {
    void api<SetupStatus>("GET", "/api/setup").then((r) => setSetupNeeded(r.needed), () => {});
    void api<SignOnSchools>("GET", "/api/auth/sso/schools").then((r) => setSignOn(r.schools), () => {});
  }, []);

  if (pending) return <SecondFactorStep pending={pending} onSignedIn={onSignedIn} onRestart={() => (setPending(null), setPassword(""))} />;

  return (
    <main id="main" className="login">
      <h1>Sign in to Doorstep</h1>
      <p className="muted">Home visits for attendance and safeguarding.</p>
      {ended && !error && (
        <p role="status" className="notice">
          You have been signed out: your session ended (you signed out on another device, it was left unused, or your account was changed or disabled). Sign in again to carry on.
        </p>
      )}
      {error && (
        <div className="error-summary" role="alert">
          {error}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setRefused(null);
          void form.run(async () => {
            const r = await api<SessionView | SecondFactorPending>("POST", "/api/auth/login", { email, password });
            if ("secondFactor" in r) setPending(r);
            else onSignedIn(r);
          });
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
      {signOn.length > 0 && (
        <section aria-labelledby="sign-on-heading" className="sign-on">
          <h2 id="sign-on-heading">Or use your school account</h2>
          <ul className="sign-on-choices">
            {signOn.map((s) => (
              <li key={s.slug}>
                {/* A plain link: the browser goes to the school's identity provider and comes back signed in. */}
                <a className="button secondary" href={`/api/auth/sso/${encodeURIComponent(s.slug)}/start`}>
                  Sign in with {PROVIDER_NAMES[s.provider]}
                  {signOn.length > 1 ? ` (${s.schoolName})` : ""}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
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
