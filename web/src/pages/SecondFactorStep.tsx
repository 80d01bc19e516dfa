/**
 * The second step of signing in (issue 20): set-up on the first sign-in (a QR code
 * made by the server, the key in words for typing by hand), then a code from the
 * phone or a recovery code. The challenge from the password step lives only in
 * this page's memory.
 */
import { useEffect, useState } from "react";
import { api, ApiError, type SessionView } from "../api";
import { serverMessageOr, useForm } from "../useForm";
import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import type { SecondFactorEnrolment, SecondFactorPending, SecondFactorSignedIn, SessionView as SignedInView } from "../../../src/contracts/session";
import { RecoveryCodeList } from "./RecoveryCodeList";

export type { SecondFactorPending };

/** The key in groups of four, as authenticator apps show it. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, "$1 ").trim();

export function SecondFactorStep({ pending, onSignedIn, onRestart }: { pending: SecondFactorPending; onSignedIn: (s: SessionView) => void; onRestart: () => void }) {
  const [enrolment, setEnrolment] = useState<SecondFactorEnrolment | null>(null);
  const [code, setCode] = useState("");
  const { run, busy, error, fail } = useForm({ explain: serverMessageOr("Could not reach the server.") });
  const [done, setDone] = useState<(SecondFactorSignedIn) | null>(null);
  const enrolling = pending.secondFactor === "enroll";

  useEffect(() => {
    if (!enrolling) return;
    api<SecondFactorEnrolment>("POST", "/api/auth/second-factor/setup", { challenge: pending.challenge }).then(setEnrolment, (err: unknown) =>
      fail(err instanceof ApiError ? err.message : "Could not reach the server."),
    );
  }, [enrolling, pending.challenge, fail]);

  if (done?.recoveryCodes) {
    return (
      <main id="main" className="login">
        <h1>Keep your recovery codes</h1>
        <p>Two-factor sign-in is set up.</p>
        <RecoveryCodeList codes={done.recoveryCodes} />
        <button type="button" onClick={() => onSignedIn(done)}>
          I have kept my recovery codes
        </button>
      </main>
    );
  }

  return (
    <main id="main" className="login">
      <h1>{enrolling ? "Set up two-factor sign-in" : "Two-factor sign-in"}</h1>
      {error && (
        <div className="error-summary" role="alert">
          {error}
        </div>
      )}
      {enrolling ? (
        <>
          <p>Your role gives you access to children's records, so Doorstep asks for a code from your phone as well as your password. Scan this QR code with an authenticator app (Microsoft Authenticator, Google Authenticator or similar), then type the 6-digit code it shows.</p>
          {enrolment && (
            <>
              <img src={enrolment.qrCode} width={240} height={240} alt="QR code for your authenticator app" />
              <p>
                Cannot scan it? Type this key into the app: <code id="totp-secret" aria-label="Setup key">{grouped(enrolment.secret)}</code>
              </p>
            </>
          )}
        </>
      ) : (
        <p>Type the 6-digit code from your authenticator app. Lost your phone? Type one of your recovery codes instead.</p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            try {
              const s = await api<SecondFactorSignedIn>("POST", "/api/auth/second-factor", { challenge: pending.challenge, code });
              if (s.recoveryCodes) setDone(s);
              else onSignedIn(s);
            } catch (err) {
              setCode("");
              throw err;
            }
          });
        }}
      >
        <label htmlFor="code">{enrolling ? "Code from your app" : "Code from your app, or a recovery code"}</label>
        <input id="code" autoComplete="one-time-code" inputMode={enrolling ? "numeric" : "text"} required value={code} onChange={(e) => setCode(e.target.value)} />
        <button type="submit" disabled={busy || (enrolling && !enrolment)}>
          {busy ? "Checking…" : enrolling ? "Confirm and sign in" : "Sign in"}
        </button>
      </form>
      {!enrolling && pending.passkey && browserSupportsWebAuthn() && (
        <p>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(
                async () => {
                  const optionsJSON = await api<Parameters<typeof startAuthentication>[0]["optionsJSON"]>("POST", "/api/auth/passkey/options", { challenge: pending.challenge });
                  const response = await startAuthentication({ optionsJSON });
                  onSignedIn(await api<SignedInView>("POST", "/api/auth/passkey", { challenge: pending.challenge, response }));
                },
                undefined,
                serverMessageOr("The passkey was not used: try again, or type a code from your app."),
              )
            }
          >
            Use a passkey instead
          </button>
        </p>
      )}
      <p>
        <button type="button" className="secondary" onClick={onRestart}>
          Start again
        </button>
      </p>
    </main>
  );
}
