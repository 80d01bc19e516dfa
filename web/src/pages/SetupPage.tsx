import { useEffect, useState } from "react";
import { api } from "../api";
import { useForm } from "../useForm";
import { FormMessage } from "../records/forms";
import { Link } from "../router";
import type { SetupStatus } from "../../../src/contracts/setup";
import type { TemplateChoice } from "../../../src/contracts/policy";

/** The one-time setup of this machine's first real school (src/app/setup/first-run.ts). */
export function SetupPage() {
  const [templates, setTemplates] = useState<TemplateChoice[] | null>(null);
  const [needed, setNeeded] = useState(true);
  const [form, setForm] = useState({ setupCode: "", trustName: "", schoolName: "", urn: "", policyTemplateId: "", phone: "", address: "", headName: "", headEmail: "", headPassword: "" });
  const { run, busy, ...sent } = useForm();
  useEffect(() => {
    void api<SetupStatus>("GET", "/api/setup").then((r) => {
      setNeeded(r.needed);
      setTemplates(r.templates);
      if (r.templates[0]) setForm((f) => ({ ...f, policyTemplateId: f.policyTemplateId || r.templates[0]!.id }));
    });
  }, []);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);

  return (
    <main id="main" className="login">
      <h1>Set up your school</h1>
      {!needed ? (
        <p>
          This machine already runs a school. <Link to="/">Sign in</Link>.
        </p>
      ) : (
        <>
          <p>
            Creates your trust, your school on one of the policies, and the headteacher's account. It can be done once; the code was printed
            on the server's console when Doorstep started. Once your school exists, the demo accounts stop working.
          </p>
          <FormMessage form={sent} />
          {!sent.status && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void run(async () => {
                  await api("POST", "/api/setup", {
                    setupCode: form.setupCode.trim(),
                    trustName: form.trustName,
                    schoolName: form.schoolName,
                    urn: optional(form.urn),
                    policyTemplateId: form.policyTemplateId,
                    phone: optional(form.phone),
                    address: optional(form.address),
                    head: { name: form.headName, email: form.headEmail, password: form.headPassword },
                  });
                  return `${form.schoolName} is set up. ${form.headName} can sign in now.`;
                });
              }}
            >
              <label htmlFor="setup-code">Setup code (from the server's console)</label>
              <input id="setup-code" required autoComplete="off" value={form.setupCode} onChange={set("setupCode")} />
              <label htmlFor="setup-trust">Trust (or the school's own name if it is not in a trust)</label>
              <input id="setup-trust" required value={form.trustName} onChange={set("trustName")} />
              <label htmlFor="setup-school">School</label>
              <input id="setup-school" required value={form.schoolName} onChange={set("schoolName")} />
              <label htmlFor="setup-urn">URN (optional)</label>
              <input id="setup-urn" inputMode="numeric" value={form.urn} onChange={set("urn")} />
              <label htmlFor="setup-policy">Home-visit policy to start from (you can edit it after)</label>
              <select id="setup-policy" value={form.policyTemplateId} onChange={set("policyTemplateId")}>
                {(templates ?? []).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <label htmlFor="setup-phone">School phone, printed on cards and letters (optional)</label>
              <input id="setup-phone" type="tel" value={form.phone} onChange={set("phone")} />
              <label htmlFor="setup-address">School address (optional)</label>
              <input id="setup-address" value={form.address} onChange={set("address")} />
              <label htmlFor="setup-head-name">Headteacher's full name</label>
              <input id="setup-head-name" required value={form.headName} onChange={set("headName")} />
              <label htmlFor="setup-head-email">Headteacher's email</label>
              <input id="setup-head-email" type="email" required value={form.headEmail} onChange={set("headEmail")} />
              <label htmlFor="setup-head-password">Headteacher's first password (at least 10 characters)</label>
              <input id="setup-head-password" type="password" autoComplete="new-password" required value={form.headPassword} onChange={set("headPassword")} />
              <button type="submit" disabled={busy}>
                {busy ? "Setting up…" : "Set up the school"}
              </button>
            </form>
          )}
          <p>
            <Link to="/">Back to sign in</Link>
          </p>
        </>
      )}
    </main>
  );
}
