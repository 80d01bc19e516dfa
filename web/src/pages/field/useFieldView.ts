import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldView } from "../../field/types";

/** The visit as the phone has it: fetched every minute and when the signal returns; a saved copy (the service worker's) when there is none. */
export function useFieldView(visitId: string, refresh: () => Promise<void>) {
  const [view, setView] = useState<FieldView | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  /** When the details shown are a saved copy (no signal): when they were saved, or "" if unknown. */
  const [savedCopy, setSavedCopy] = useState<string | null>(null);
  const shown = useRef(false);
  const load = useCallback(async () => {
    try {
      const res = await fetch(`/api/visits/${visitId}/field`, { credentials: "same-origin", cache: "no-store" });
      if (res.status === 401) {
        await refresh();
        return;
      }
      const data = (await res.json()) as FieldView & { message?: string };
      if (!res.ok) {
        setError(data.message ?? `The visit could not be loaded (${res.status}).`);
        return;
      }
      shown.current = true;
      setView(data);
      setError(null);
      setSavedCopy(res.headers.get("x-doorstep-saved-copy"));
    } catch {
      // No signal: keep what is on screen.
      if (shown.current) setSavedCopy((s) => s ?? "");
      else setError("No signal, and this phone has no saved copy of this visit: phone the office with your steps until the signal returns.");
    }
  }, [visitId, refresh]);
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 60_000);
    const online = () => void load();
    window.addEventListener("online", online);
    return () => {
      clearInterval(t);
      window.removeEventListener("online", online);
    };
  }, [load]);
  return { view, error, savedCopy, reload: load };
}
