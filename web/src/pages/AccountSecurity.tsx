/** The Account page's sign-in section (issue 20): two-factor status, where you are signed in, and changing your password. */
import { useState } from "react";
import { api, errorText } from "../api";
import { useApi } from "../useApi";
import { useForm } from "../useForm";
import { FormMessage } from "../records/forms";
import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import type { AccountView, PasskeyView, PasswordChanged, RecoveryCodes, SecondFactorEnrolment } from "../../../src/contracts/session";
import { RecoveryCodeList } from "./RecoveryCodeList";

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export function AccountSecurity() {
  const { data, reload } = useApi<AccountView>("/api/account");
  return (
    <>
      <h2>Two-factor sign-in</h2>
      {data &&
        (data.secondFactor.setUpAt ? (
          <>
            <p>
              Set up on {when(data.secondFactor.setUpAt)}. Recovery codes left: {data.secondFactor.recoveryCodesLeft}. Lost your phone? Ask your headteacher to reset it; you set up a new code at your next sign-in.
            </p>
            <NewRecoveryCodes onDone={reload} />
            <Passkeys passkeys={data.secondFactor.passkeys} onChanged={reload} />
          </>
        ) : (
          <OwnSetUp required={data.secondFactor.required} onDone={reload} />
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
  const sent = useForm({ onDone: onChanged });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section aria-labelledby="change-password">
      <h2 id="change-password">Change your password</h2>
      <FormMessage form={sent} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (form.newPassword !== form.again) {
            sent.fail("The new password and the same again do not match.");
            return;
          }
          void sent.run(async () => {
            const r = await api<PasswordChanged>("POST", "/api/account/password", { currentPassword: form.currentPassword, newPassword: form.newPassword });
            setForm({ currentPassword: "", newPassword: "", again: "" });
            return `Your password is changed.${r.sessionsEnded ? ` Signed out of ${r.sessionsEnded} other session(s).` : ""}`;
          });
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

/** Set-up by choice, for a role the school does not require it of (the required roles set it up at sign-in). */
function OwnSetUp({ required, onDone }: { required: boolean; onDone: () => Promise<void> }) {
  const [enrolment, setEnrolment] = useState<SecondFactorEnrolment | null>(null);
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const sent = useForm();
  if (codes) {
    return (
      <section aria-labelledby="own-codes">
        <h3 id="own-codes">Keep your recovery codes</h3>
        <p role="status">Two-factor sign-in is set up: from your next sign-in Doorstep asks for a code from your app.</p>
        <RecoveryCodeList codes={codes} />
        <button type="button" onClick={() => void onDone()}>
          I have kept my recovery codes
        </button>
      </section>
    );
  }
  return (
    <>
      <p>{required ? "Not set up yet: you set it up at your next sign-in." : "Not set up: your role does not need it in this school, but you can choose to use it."}</p>
      <FormMessage form={sent} />
      {!enrolment ? (
        <button
          type="button"
          onClick={() =>
            void sent.run(async () => {
              setEnrolment(await api<SecondFactorEnrolment>("POST", "/api/account/second-factor/setup"));
            })
          }
        >
          Set up two-factor sign-in
        </button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void sent.run(async () => {
              try {
                setCodes((await api<RecoveryCodes>("POST", "/api/account/second-factor/confirm", { code })).recoveryCodes);
              } catch (err) {
                setCode("");
                throw err;
              }
            });
          }}
        >
          <p>Scan this QR code with an authenticator app, then type the 6-digit code it shows.</p>
          <img src={enrolment.qrCode} width={240} height={240} alt="QR code for your authenticator app" />
          <p>
            Cannot scan it? Type this key into the app: <code id="totp-secret" aria-label="Setup key">{enrolment.secret}</code>
          </p>
          <label htmlFor="own-code">Code from your app</label>
          <input id="own-code" autoComplete="one-time-code" inputMode="numeric" required value={code} onChange={(e) => setCode(e.target.value)} />
          <button type="submit">Confirm</button>
        </form>
      )}
    </>
  );
}

/** Ten new recovery codes, for a current code from the app. */
function NewRecoveryCodes({ onDone }: { onDone: () => Promise<void> }) {
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const sent = useForm({ onDone });
  return (
    <section aria-labelledby="new-codes">
      <h3 id="new-codes">New recovery codes</h3>
      <FormMessage form={sent} />
      {codes ? (
        <>
          <p role="status">Your earlier recovery codes no longer work.</p>
          <RecoveryCodeList codes={codes} />
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void sent.run(async () => {
              setCode("");
              setCodes((await api<RecoveryCodes>("POST", "/api/account/recovery-codes", { code })).recoveryCodes);
            });
          }}
        >
          <p>Used most of them, or lost the printout? Ten new codes replace them all.</p>
          <label htmlFor="codes-code">Code from your app</label>
          <input id="codes-code" autoComplete="one-time-code" inputMode="numeric" required value={code} onChange={(e) => setCode(e.target.value)} />
          <button type="submit">Make new recovery codes</button>
        </form>
      )}
    </section>
  );
}

/** Passkeys, where this browser offers them: a second way to do the second step. */
function Passkeys({ passkeys, onChanged }: { passkeys: PasskeyView[]; onChanged: () => Promise<void> }) {
  const [name, setName] = useState("");
  const sent = useForm({ onDone: onChanged });
  const supported = browserSupportsWebAuthn();
  return (
    <section aria-labelledby="passkeys">
      <h3 id="passkeys">Passkeys</h3>
      <p>A passkey on this computer or phone (fingerprint, face or PIN) can stand in for the code from your app when you sign in. Your app and recovery codes still work.</p>
      <FormMessage form={sent} />
      {passkeys.length > 0 && (
        <ul aria-label="Your passkeys">
          {passkeys.map((k) => (
            <li key={k.id}>
              {k.name}: added {when(k.createdAt)}
              {k.lastUsedAt ? `, last used ${when(k.lastUsedAt)}` : ", not used yet"}{" "}
              <button
                type="button"
                className="secondary"
                onClick={() => void sent.run(() => api("DELETE", `/api/account/passkeys/${encodeURIComponent(k.id)}`), `Passkey "${k.name}" removed.`)}
              >
                Remove {k.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {supported ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void sent.run(
              async () => {
                const optionsJSON = await api<Parameters<typeof startRegistration>[0]["optionsJSON"]>("POST", "/api/account/passkeys/options");
                const response = await startRegistration({ optionsJSON });
                const added = await api<PasskeyView>("POST", "/api/account/passkeys", { name, response });
                setName("");
                return `Passkey "${added.name}" added.`;
              },
              undefined,
              (err) => (err instanceof Error && err.name === "NotAllowedError" ? "The passkey was not made: the browser's request was cancelled." : errorText(err)),
            );
          }}
        >
          <label htmlFor="passkey-name">Name for the passkey (such as "work laptop")</label>
          <input id="passkey-name" required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit">Add a passkey</button>
        </form>
      ) : (
        <p>This browser does not offer passkeys.</p>
      )}
    </section>
  );
}
