import { useEffect, useState } from "react";

/** The time now, ticking every `everyMs` (one clock per component, cleared on unmount). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** 754 s → "12:34"; an hour and more stays in minutes ("95:00"), as on a kitchen timer. */
export function mmss(ms: number): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/** "09:41" in UK time, whatever the device's zone. */
export function clock(iso: string | number): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
}

/** "in 12 minutes" / "2 minutes ago", rounded to whole minutes, for screen readers. */
export function minutesInWords(ms: number): string {
  const m = Math.round(Math.abs(ms) / 60_000);
  const words = m === 0 ? "less than a minute" : `${m} minute${m === 1 ? "" : "s"}`;
  return ms >= 0 ? `in ${words}` : `${words} ago`;
}

export const STEP_LABELS: Record<string, string> = {
  departed: "Departed",
  arrived: "Arrived",
  check_in: "Checked in with the office",
  at_door: "At the door",
  waiting_started: "Parent not here yet: waiting",
  parent_running_late: "Parent running late",
  entered: "Went in",
  not_entered: "Did not go in",
  left: "Left the house",
  returned: "Back at base",
  home_safe: "Home safe",
  alarm: "IMMEDIATE DANGER alarm",
};

export const DEADLINE_LABELS: Record<string, string> = {
  arrival: "Call the office on arrival",
  check_in: "Next check-in with the office",
  return: "Tell the office you are back",
};
