/**
 * The field outbox: every step, alarm and cancellation reported from the
 * doorstep is written to IndexedDB *before* it is sent, so a lost signal or a
 * closed browser loses nothing. Items are sent in order (an alarm first), each
 * with the id made on the phone, so a replay is recorded once by the server
 * (it answers `{duplicate: true}`, which counts as sent).
 *
 * Sending stops at the first network failure and resumes after a short wait
 * that grows with each failure (`retryDelayMs`: 1–2 s, then up to 15 s, at
 * random so that phones do not all return at once), on the `online` event, on
 * page load and every 15 seconds (see `useOutbox`). An item the
 * server refuses for good (say, a step on a visit that has ended) leaves the
 * queue and is reported, so it never blocks the steps behind it.
 */
import { setCsrf } from "../api";
import { retryAfterSeconds, retryDelayMs } from "./retry-delay";
import { sendOutcome } from "./send-outcome";

export type OutboxKind = "alarm" | "step" | "cancel";

export interface OutboxItem {
  /** Made on the phone; for steps and alarms it is also the body's id. */
  id: string;
  kind: OutboxKind;
  visitId: string;
  /** Who queued it: another person signed in on this phone never sends it. */
  userId: string;
  url: string;
  body: Record<string, unknown>;
  /** What the person tapped, in words, for the queue and history. */
  label: string;
  queuedAt: string;
  seq: number;
}

export interface Rejected {
  item: OutboxItem;
  status: number;
  message: string;
}

export interface OutboxState {
  pending: OutboxItem[];
  rejected: Rejected[];
  /** The session ended: queued items wait until the same person signs in again. */
  signedOut: boolean;
  /** The last attempt failed for lack of signal (or a server error). */
  offline: boolean;
  sending: boolean;
  /** Ids of items that reached the server during this page's life. */
  sent: string[];
}

const DB_NAME = "doorstep-field";
const STORE = "outbox";

let dbPromise: Promise<IDBDatabase | null> | null = null;
/** If IndexedDB is unavailable (rare: some private modes), the queue lives in memory and says so. */
const memory = new Map<string, OutboxItem>();
export let persistent = true;

function openDb(): Promise<IDBDatabase | null> {
  if (!dbPromise) {
    dbPromise = new Promise((resolve) => {
      if (typeof indexedDB === "undefined") {
        persistent = false;
        resolve(null);
        return;
      }
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: "id" });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        persistent = false;
        resolve(null);
      };
      req.onblocked = () => {
        persistent = false;
        resolve(null);
      };
    });
  }
  return dbPromise;
}

function txDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB write failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB write aborted"));
  });
}

async function putItem(item: OutboxItem) {
  const db = await openDb();
  if (!db) {
    memory.set(item.id, item);
    return;
  }
  const tx = db.transaction(STORE, "readwrite");
  tx.objectStore(STORE).put(item);
  await txDone(tx);
}

async function deleteItem(id: string) {
  const db = await openDb();
  if (!db) {
    memory.delete(id);
    return;
  }
  const tx = db.transaction(STORE, "readwrite");
  tx.objectStore(STORE).delete(id);
  await txDone(tx);
}

async function allItems(): Promise<OutboxItem[]> {
  const db = await openDb();
  const items = db
    ? await new Promise<OutboxItem[]>((resolve, reject) => {
        const req = db.transaction(STORE, "readonly").objectStore(STORE).getAll();
        req.onsuccess = () => resolve(req.result as OutboxItem[]);
        req.onerror = () => reject(req.error ?? new Error("IndexedDB read failed"));
      })
    : [...memory.values()];
  // The alarm goes first; everything else in the order it happened.
  return items.sort((a, b) => priority(a) - priority(b) || a.seq - b.seq);
}

const priority = (i: OutboxItem) => (i.kind === "alarm" ? 0 : 1);

// ---- state shared by every component on the page ----

let state: OutboxState = { pending: [], rejected: [], signedOut: false, offline: false, sending: false, sent: [] };
const listeners = new Set<(s: OutboxState) => void>();
let currentUser = "";
let csrf = "";
let lastSeq = 0;

function emit(patch: Partial<OutboxState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l(state);
}

export function subscribe(fn: (s: OutboxState) => void): () => void {
  listeners.add(fn);
  fn(state);
  return () => listeners.delete(fn);
}

export function getState(): OutboxState {
  return state;
}

/** The signed-in person and their CSRF token (from the session the app loaded). */
export function configure(userId: string, csrfToken: string) {
  currentUser = userId;
  csrf = csrfToken;
}

async function refreshPending() {
  const items = await allItems();
  lastSeq = Math.max(lastSeq, ...items.map((i) => i.seq), 0);
  emit({ pending: items.filter((i) => i.userId === currentUser) });
}

export async function enqueue(input: Omit<OutboxItem, "queuedAt" | "seq" | "userId">): Promise<OutboxItem> {
  lastSeq = Math.max(lastSeq + 1, Date.now());
  const item: OutboxItem = { ...input, userId: currentUser, queuedAt: new Date().toISOString(), seq: lastSeq };
  await putItem(item);
  await refreshPending();
  void flush();
  return item;
}

export function dismissRejected(id: string) {
  emit({ rejected: state.rejected.filter((r) => r.item.id !== id) });
}

type SendResult = { kind: "sent" } | { kind: "retry"; afterS?: number | undefined } | { kind: "signed_out" } | { kind: "rejected"; status: number; message: string };

async function newCsrfToken(): Promise<boolean> {
  try {
    const res = await fetch("/api/session", { credentials: "same-origin", cache: "no-store" });
    if (!res.ok) return false;
    const s = (await res.json()) as { csrfToken?: string; user?: { id: string } };
    if (!s.csrfToken || s.user?.id !== currentUser) return false;
    csrf = s.csrfToken;
    setCsrf(s.csrfToken);
    return true;
  } catch {
    return false;
  }
}

async function send(item: OutboxItem, retried = false): Promise<SendResult> {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return { kind: "retry" };
  let res: Response;
  // A weak signal can leave a request hanging for minutes: give up after 20 s and retry later (a replay is harmless).
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 20_000);
  try {
    res = await fetch(item.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify(item.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: abort.signal,
    });
  } catch {
    return { kind: "retry" };
  } finally {
    clearTimeout(timer);
  }
  if (res.ok) return { kind: "sent" };
  let body: { error?: string; message?: string } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON: a proxy's error page, say
  }
  const outcome = sendOutcome(item, res.status, body, retryAfterSeconds(res.headers.get("retry-after")));
  if (outcome.kind !== "csrf") return outcome;
  // The token changed (a new sign-in, or the page was reloaded from a cache): fetch the current one and try once more.
  if (retried) return { kind: "rejected", status: res.status, message: body.message ?? `Refused (${res.status})` };
  if (await newCsrfToken()) return send(item, true);
  return { kind: "retry" };
}

/** Failed sends in a row, and the retry they have set. */
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

function retryLater(afterS?: number) {
  failures++;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void flush();
  }, retryDelayMs(failures, Math.random, afterS));
}

let running: Promise<void> | null = null;
/** A reason to try again (the signal came back, a new step) arrived while sending: go round once more. */
let again = false;

/** Sends what is queued, in order; stops at the first failure of the network. Safe to call at any time. */
export function flush(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      const work = () => drain();
      // Two tabs on one phone send one at a time (the server would record a replay once anyway).
      const locks = (navigator as Navigator & { locks?: LockManager }).locks;
      do {
        again = false;
        if (locks?.request) await locks.request("doorstep-outbox", work);
        else await work();
      } while (again);
    } finally {
      running = null;
    }
  })();
  return running;
}

async function drain() {
  if (!currentUser) return;
  emit({ sending: true });
  try {
    // Always the head of the queue: an alarm queued while steps are being sent goes next.
    for (;;) {
      await refreshPending();
      const item = state.pending[0];
      if (!item) break;
      const r = await send(item);
      switch (r.kind) {
        case "sent":
          failures = 0;
          await deleteItem(item.id);
          emit({ offline: false, signedOut: false, sent: [...state.sent, item.id] });
          break;
        case "rejected":
          await deleteItem(item.id);
          emit({ offline: false, rejected: [...state.rejected, { item, status: r.status, message: r.message }] });
          break;
        case "signed_out":
          emit({ signedOut: true });
          return;
        case "retry":
          retryLater(r.afterS);
          emit({ offline: true });
          return;
      }
    }
    emit({ offline: false });
  } finally {
    emit({ sending: false });
  }
}

/** Loads what is queued (after a reload, or a browser closed with steps waiting). */
export async function loadOutbox() {
  await refreshPending();
}
