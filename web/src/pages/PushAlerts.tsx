/**
 * "Alerts on this device": Web Push for safety alerts and new concerns. The
 * browser's push service (run by the browser's maker) carries each alert,
 * encrypted for this browser; the page itself talks only to Doorstep.
 */
import { useEffect, useState } from "react";
import { api, errorText } from "../api";
import { useForm } from "../useForm";
import type { PushKey } from "../../../src/contracts/push";

type State = { kind: "checking" } | { kind: "unsupported" } | { kind: "denied" } | { kind: "off" } | { kind: "on" };

function supported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** The VAPID key as pushManager.subscribe wants it. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register("/sw.js");
  return navigator.serviceWorker.ready;
}

/** Turns alerts off on this device (server first, then the browser); used on sign-out too. */
export async function pushOffOnThisDevice(): Promise<void> {
  if (!supported()) return;
  const reg = await navigator.serviceWorker.getRegistration();
  const sub = await reg?.pushManager.getSubscription();
  if (!sub) return;
  await api("DELETE", "/api/push/subscriptions", { endpoint: sub.endpoint }).catch(() => undefined);
  await sub.unsubscribe().catch(() => false);
}

export function PushAlerts() {
  const [state, setState] = useState<State>({ kind: "checking" });
  const { run, busy, error, status } = useForm();
  const message = error ?? status;

  useEffect(() => {
    if (!supported()) return setState({ kind: "unsupported" });
    if (Notification.permission === "denied") return setState({ kind: "denied" });
    void navigator.serviceWorker
      .getRegistration()
      .then((reg) => reg?.pushManager.getSubscription())
      .then(async (sub) => {
        if (!sub) return setState({ kind: "off" });
        // Tell the server again (it may have dropped an expired one, or another person used this browser).
        await api("POST", "/api/push/subscriptions", sub.toJSON()).catch(() => undefined);
        setState({ kind: "on" });
      })
      .catch(() => setState({ kind: "off" }));
  }, []);

  const turnOn = () =>
    run(
      async () => {
        const permission = await Notification.requestPermission();
        if (permission !== "granted") {
          setState(permission === "denied" ? { kind: "denied" } : { kind: "off" });
          return;
        }
        const { publicKey } = await api<PushKey>("GET", "/api/push/key");
        const reg = await registration();
        let sub = await reg.pushManager.getSubscription();
        // A subscription made with another key (a server whose key changed) cannot be used.
        if (sub && sub.options.applicationServerKey && btoa(String.fromCharCode(...new Uint8Array(sub.options.applicationServerKey))) !== btoa(String.fromCharCode(...keyBytes(publicKey)))) {
          await sub.unsubscribe();
          sub = null;
        }
        sub ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
        await api("POST", "/api/push/subscriptions", sub.toJSON());
        setState({ kind: "on" });
        return "Alerts are on for this device.";
      },
      undefined,
      (e) => `Alerts could not be turned on: ${errorText(e)}`,
    );

  const turnOff = () =>
    run(
      async () => {
        await pushOffOnThisDevice();
        setState({ kind: "off" });
        return "Alerts are off for this device.";
      },
      undefined,
      (e) => `Alerts could not be turned off: ${errorText(e)}`,
    );

  return (
    <>
      <h2>Alerts on this device</h2>
      <p className="muted">
        Safety alerts from the office board, and new safeguarding concerns if you are on the DSL team, can appear on this device as notifications, even when Doorstep is closed. They say only that something needs
        attention and which page to open: never a child's name or what was seen. Your browser's push service (run by the browser's maker: Google, Mozilla, Apple or Microsoft) carries each alert, encrypted so
        that only this browser can read it. The Doorstep page itself makes no requests to anyone else.
      </p>
      {state.kind === "checking" && <p>Checking this browser…</p>}
      {state.kind === "unsupported" && <p className="notice">This browser cannot receive alerts (no Web Push). On an iPhone or iPad, add Doorstep to the Home Screen first and open it from there.</p>}
      {state.kind === "denied" && <p className="notice">Notifications are blocked for Doorstep in this browser's settings. Allow them there, then come back to turn alerts on.</p>}
      {state.kind === "off" && (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void turnOn()}>
            Turn on alerts on this device
          </button>
        </div>
      )}
      {state.kind === "on" && (
        <>
          <p className="ok">Alerts are on for this device.</p>
          <div className="actions">
            <button type="button" className="secondary" disabled={busy} onClick={() => void turnOff()}>
              Turn off alerts on this device
            </button>
          </div>
        </>
      )}
      {message && <p role="status">{message}</p>}
    </>
  );
}
