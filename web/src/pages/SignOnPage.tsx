/**
 * The head switches on sign-in with Microsoft 365 (Entra ID) or Google Workspace for
 * their school. The client secret is sent once and never shown again; leaving it empty
 * keeps the one already set.
 */
import { useEffect, useId, useState } from "react";
import type { PageProps } from "../App";
import { api } from "../api";
import { useApi } from "../useApi";
import { ErrorSummary, Status } from "../records/forms";
import { useForm } from "../useForm";
import "../records/records.css";
import type { SignOnSettings } from "../../../src/contracts/sign-on";


export function SignOnPage(_: PageProps) {
  const { data, error, reload } = useApi<SignOnSettings>("/api/school/sso");
  return (
    <>
      <h1>Single sign-on</h1>
      <p>
        Let staff sign in with their school Microsoft 365 or Google Workspace account. Doorstep never makes an account this way: a member of staff must already be on
        the Staff page with the same email address, and a disabled account stays shut.
      </p>
      {error && (
        <p role="alert" className="error-summary">
          {error}
        </p>
      )}
      {data && <SignOnForm settings={data} onDone={reload} />}
    </>
  );
}

function SignOnForm({ settings, onDone }: { settings: SignOnSettings; onDone: () => Promise<void> }) {
  const id = useId();
  const ids = { provider: `${id}-provider`, tenantId: `${id}-tenant`, domain: `${id}-domain`, clientId: `${id}-client`, clientSecret: `${id}-secret`, slug: `${id}-slug` };
  const { problems, status, busy, run } = useForm({ fields: ids });
  const [provider, setProvider] = useState<"microsoft" | "google">(settings.provider ?? "microsoft");
  const [tenantId, setTenantId] = useState(settings.tenantId ?? "");
  const [domain, setDomain] = useState(settings.domain ?? "");
  const [clientId, setClientId] = useState(settings.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [slug, setSlug] = useState(settings.slug);
  const [enabled, setEnabled] = useState(settings.configured ? settings.enabled : true);
  useEffect(() => setClientSecret(""), [settings.updatedAt]);
  return (
    <form
      className="rec-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await api("PUT", "/api/school/sso", {
            provider,
            tenantId: provider === "microsoft" ? tenantId : null,
            domain: provider === "google" ? domain : null,
            clientId,
            ...(clientSecret ? { clientSecret } : {}),
            slug,
            enabled,
          });
          await onDone();
          return enabled ? "Saved: staff can now sign in from the sign-in page." : "Saved: single sign-on is off.";
        });
      }}
    >
      <ErrorSummary problems={problems} />
      <p>
        Register Doorstep with your provider first, with this redirect URI: <code>{settings.redirectUri}</code>
      </p>
      <fieldset>
        <legend>Provider</legend>
        <div className="radio">
          <input type="radio" id={ids.provider} name="provider" checked={provider === "microsoft"} onChange={() => setProvider("microsoft")} />
          <label htmlFor={ids.provider}>Microsoft 365 (Entra ID)</label>
        </div>
        <div className="radio">
          <input type="radio" id={`${ids.provider}-google`} name="provider" checked={provider === "google"} onChange={() => setProvider("google")} />
          <label htmlFor={`${ids.provider}-google`}>Google Workspace</label>
        </div>
      </fieldset>
      {provider === "microsoft" ? (
        <>
          <label htmlFor={ids.tenantId}>Directory (tenant) ID</label>
          <p className="rec-hint" id={`${ids.tenantId}-hint`}>
            From the Overview page of Microsoft Entra ID. Only accounts in this directory are let in.
          </p>
          <input id={ids.tenantId} value={tenantId} aria-describedby={`${ids.tenantId}-hint`} onChange={(e) => setTenantId(e.target.value)} />
        </>
      ) : (
        <>
          <label htmlFor={ids.domain}>Google Workspace domain</label>
          <p className="rec-hint" id={`${ids.domain}-hint`}>
            Only accounts Google says belong to this domain are let in, never personal Gmail accounts.
          </p>
          <input id={ids.domain} value={domain} aria-describedby={`${ids.domain}-hint`} onChange={(e) => setDomain(e.target.value)} />
        </>
      )}
      <label htmlFor={ids.clientId}>Client (application) ID</label>
      <input id={ids.clientId} value={clientId} onChange={(e) => setClientId(e.target.value)} />
      <label htmlFor={ids.clientSecret}>Client secret</label>
      <p className="rec-hint" id={`${ids.clientSecret}-hint`}>
        {settings.secretSet ? "A secret is set and kept encrypted. Leave this empty to keep it." : "Kept encrypted; never shown again."}
      </p>
      <input id={ids.clientSecret} type="password" autoComplete="off" value={clientSecret} aria-describedby={`${ids.clientSecret}-hint`} onChange={(e) => setClientSecret(e.target.value)} />
      <label htmlFor={ids.slug}>Sign-in name</label>
      <p className="rec-hint" id={`${ids.slug}-hint`}>
        Lower-case letters, digits and hyphens; a direct sign-in link is /api/auth/sso/{slug || "…"}/start.
      </p>
      <input id={ids.slug} value={slug} aria-describedby={`${ids.slug}-hint`} onChange={(e) => setSlug(e.target.value)} />
      <div className="checkbox">
        <input type="checkbox" id={`${id}-enabled`} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <label htmlFor={`${id}-enabled`}>Staff may sign in this way</label>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          Save single sign-on
        </button>
      </div>
      <Status>{status}</Status>
    </form>
  );
}
