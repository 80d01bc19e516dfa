import { useCallback, useEffect, useRef, useState } from "react";

export type LocationStatus = "off" | "asking" | "on" | "denied" | "unavailable";
const KEY = "doorstep.shareLocation";
const FRESH_MS = 5 * 60_000;

/**
 * Location is opt-in: the browser asks only when the person presses the button,
 * and a step never waits for a fix: it carries the latest one, if fresh.
 */
export function useLocation() {
  const supported = typeof navigator !== "undefined" && "geolocation" in navigator;
  const [status, setStatus] = useState<LocationStatus>(supported ? "off" : "unavailable");
  const [error, setError] = useState<string | null>(null);
  const last = useRef<{ latitude: number; longitude: number; at: number } | null>(null);
  const watch = useRef<number | null>(null);

  const start = useCallback(() => {
    if (!supported || watch.current !== null) return;
    setStatus("asking");
    setError(null);
    watch.current = navigator.geolocation.watchPosition(
      (pos) => {
        last.current = { latitude: pos.coords.latitude, longitude: pos.coords.longitude, at: Date.now() };
        setStatus("on");
        localStorage.setItem(KEY, "on");
      },
      (err) => {
        if (err.code === err.PERMISSION_DENIED) {
          if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
          watch.current = null;
          localStorage.removeItem(KEY);
          setStatus("denied");
        } else {
          // No fix yet (indoors, say): keep watching; steps go without a location meanwhile.
          setError("No location fix yet: steps are sent without one until the phone finds it.");
          setStatus((s) => (s === "asking" ? "on" : s));
        }
      },
      { enableHighAccuracy: true, maximumAge: 60_000, timeout: 30_000 },
    );
  }, [supported]);

  useEffect(() => {
    // Resume sharing after a reload, but only if the person said yes before and the browser still allows it.
    if (!supported || localStorage.getItem(KEY) !== "on") return;
    const perms = navigator.permissions;
    if (!perms?.query) return;
    perms
      .query({ name: "geolocation" })
      .then((p) => {
        if (p.state === "granted") start();
      })
      .catch(() => undefined);
  }, [supported, start]);

  useEffect(
    () => () => {
      if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
    },
    [],
  );

  const stop = useCallback(() => {
    if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
    watch.current = null;
    last.current = null;
    localStorage.removeItem(KEY);
    setStatus("off");
  }, []);

  /** The latest fix, if fresh; never waits. */
  const coords = useCallback((): { latitude?: number; longitude?: number } => {
    const l = last.current;
    return l && Date.now() - l.at < FRESH_MS ? { latitude: l.latitude, longitude: l.longitude } : {};
  }, []);

  return { status, error, start, stop, coords };
}
