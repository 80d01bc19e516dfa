import { useEffect, useState } from "react";
import { configure, flush, getState, loadOutbox, subscribe, type OutboxState } from "./outbox";

const RETRY_MS = 15_000;

/**
 * The outbox as React state. While mounted it sends what is queued on load,
 * when the phone comes back online, when the page is shown again, and every 15 s.
 */
export function useOutbox(userId: string, csrfToken: string): OutboxState {
  const [s, setS] = useState<OutboxState>(getState);
  useEffect(() => {
    configure(userId, csrfToken);
    const off = subscribe(setS);
    void loadOutbox().then(() => flush());
    const retry = () => void flush();
    const onVisible = () => {
      if (document.visibilityState === "visible") retry();
    };
    window.addEventListener("online", retry);
    document.addEventListener("visibilitychange", onVisible);
    const timer = setInterval(retry, RETRY_MS);
    return () => {
      off();
      window.removeEventListener("online", retry);
      document.removeEventListener("visibilitychange", onVisible);
      clearInterval(timer);
    };
  }, [userId, csrfToken]);
  return s;
}
