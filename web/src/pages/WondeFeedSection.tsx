import { useCallback, useEffect, useState } from "react";
import { api, may, type SessionView } from "../api";
import { useForm } from "../useForm";
import { WondeScheduleForm } from "./WondeScheduleForm";
import type { WondeConnected, WondeFeedStatus, WondeSyncAnswer } from "../../../src/contracts/imports";

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });
const STATE_TEXT = { connected: "Connected", access_revoked: "Access revoked: Wonde refused the school's token", error: "Connected, but the last sync failed" } as const;

/** The school's live feed from its MIS through Wonde: status, connect, Sync now. */
export function WondeFeedSection({ session }: { session: SessionView }) {
  const [feed, setFeed] = useState<WondeFeedStatus | null>(null);
  const sent = useForm({ explain: (e) => (e as Error).message });
  const { run, busy, fail } = sent;
  const [form, setForm] = useState({ wondeSchoolId: "", token: "", baseUrl: "https://api.wonde.com/v1.0/" });

  const load = useCallback(async () => {
    try {
      setFeed(await api<WondeFeedStatus>("GET", "/api/imports/wonde"));
    } catch (e) {
      fail((e as Error).message);
    }
  }, [fail]);
  useEffect(() => void load(), [load]);
  // While a sync runs (here or started by the schedule), show its progress.
  useEffect(() => {
    if (!feed?.connected || !feed.syncing) return;
    const t = setInterval(() => void load(), 1000);
    return () => clearInterval(t);
  }, [feed, load]);

  const connect = (e: React.FormEvent) => {
    e.preventDefault();
    return run(async () => {
      const r = await api<WondeConnected>("PUT", "/api/imports/wonde", { ...form, baseUrl: form.baseUrl || undefined });
      setFeed(r.feed);
      setForm((f) => ({ ...f, token: "" }));
      return `Connected to ${r.wondeSchoolName} through Wonde. Press "Sync now" for the first sync, or wait for the next one.`;
    });
  };

  const syncNow = () =>
    run(async () => {
      const poll = setInterval(() => void load(), 1000);
      try {
        const r = await api<WondeSyncAnswer>("POST", "/api/imports/wonde/sync");
        setFeed(r.feed);
        const o = r.outcome;
        if (o.status !== "synced") throw new Error(`The sync failed and nothing was changed: ${o.error}`);
        return `Synced: ${o.rows} records read, ${o.marksChanged} marks new or corrected, ${o.pupilsChanged} pupils added or changed, ${o.leavers} leavers.${o.listRefreshed ? " Today's list was updated." : ""}`;
      } finally {
        clearInterval(poll);
      }
    });

  const canConnect = may(session, "PUT /api/imports/wonde");
  return (
    <section className="imports-section" aria-labelledby="wonde-heading">
      <h2 id="wonde-heading">Live feed from the MIS (Wonde)</h2>
      <p>
        Instead of uploading files, Doorstep can read the register, pupils and contacts from your MIS through Wonde, on the schedule below (unless you change it,
        every 10 minutes from 08:30 to 10:30 and then hourly until 16:00 on school days). Each sync is checked as a whole before anything is saved; corrections are recorded in the audit trail.
      </p>
      {feed === null && <p>Loading the feed&apos;s status…</p>}
      {feed && !feed.connected && <p>No feed is connected.</p>}
      {feed?.connected && (
        <dl className="facts" aria-label="Wonde feed status">
          <dt>Status</dt>
          <dd>{feed.syncing ? `Syncing: ${feed.progress ?? "starting"}…` : STATE_TEXT[feed.state]}</dd>
          <dt>Wonde school</dt>
          <dd>
            {feed.wondeSchoolId} at {feed.baseUrl}
          </dd>
          <dt>Last sync</dt>
          <dd>{feed.lastSyncAt ? `${when(feed.lastSyncAt)}: ${feed.lastRows ?? 0} records read, ${feed.lastMarksChanged ?? 0} marks changed` : "Not yet"}</dd>
          <dt>Next sync</dt>
          <dd>{feed.state === "access_revoked" ? "None until the school approves Doorstep in Wonde again and connects here" : (feed.nextSync ?? "None: no school day on the calendar in the coming year")}</dd>
          {feed.lastError && (
            <>
              <dt>Last error</dt>
              <dd>
                {feed.lastErrorAt ? `${when(feed.lastErrorAt)}: ` : ""}
                {feed.lastError}
              </dd>
            </>
          )}
        </dl>
      )}
      {feed?.connected && may(session, "POST /api/imports/wonde/sync") && (
        <div className="actions">
          <button type="button" disabled={busy || feed.syncing} onClick={() => void syncNow()}>
            Sync now
          </button>
        </div>
      )}
      {feed?.connected && may(session, "PUT /api/imports/wonde/schedule") && (
        <WondeScheduleForm
          schedule={feed.schedule}
          form={sent}
          onSaved={(f) => {
            setFeed(f);
            return f.connected && f.nextSync ? `Schedule saved. Next sync: ${f.nextSync}.` : "Schedule saved.";
          }}
        />
      )}
      {canConnect && (
        <form onSubmit={(e) => void connect(e)} aria-label="Connect the Wonde feed">
          <h3>{feed?.connected ? "Connect again (a new token)" : "Connect"}</h3>
          <p>
            In Wonde, approve Doorstep for your school; Wonde gives you the school&apos;s id and a token. The token is checked with Wonde, then kept encrypted and
            never shown again.
          </p>
          <label htmlFor="wonde-school-id">Wonde school id</label>
          <input id="wonde-school-id" required value={form.wondeSchoolId} onChange={(e) => setForm({ ...form, wondeSchoolId: e.target.value })} autoComplete="off" />
          <label htmlFor="wonde-token">Token</label>
          <input id="wonde-token" type="password" required value={form.token} onChange={(e) => setForm({ ...form, token: e.target.value })} autoComplete="off" />
          <label htmlFor="wonde-base-url">Wonde address (your region&apos;s, if Wonde gave you one)</label>
          <input id="wonde-base-url" type="url" value={form.baseUrl} onChange={(e) => setForm({ ...form, baseUrl: e.target.value })} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Connect the feed
            </button>
          </div>
        </form>
      )}
      <div role="status" className="imports-result">
        {sent.status && <p className="ok">{sent.status}</p>}
      </div>
      {sent.error && (
        <p role="alert" className="error-summary">
          {sent.error}
        </p>
      )}
    </section>
  );
}
