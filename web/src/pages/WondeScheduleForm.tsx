import { useState } from "react";
import { api, ApiError } from "../api";
import type { Form } from "../useForm";
import type { SyncScheduleBody, WondeFeedStatus } from "../../../src/contracts/imports";

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** The school's own Wonde sync schedule: a busy period with its interval, then hourly until a time; school days only. */
export function WondeScheduleForm({ schedule, form: sent, onSaved }: { schedule: SyncScheduleBody; form: Pick<Form, "run" | "busy">; onSaved: (feed: WondeFeedStatus) => string }) {
  const [form, setForm] = useState({ busyFrom: hhmm(schedule.busyFrom), busyUntil: hhmm(schedule.busyUntil), busyEvery: String(schedule.busyEvery), hourlyUntil: hhmm(schedule.hourlyUntil) });
  const busy = sent.busy;
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const body: SyncScheduleBody = { busyFrom: minutes(form.busyFrom), busyUntil: minutes(form.busyUntil), busyEvery: Number(form.busyEvery), hourlyUntil: minutes(form.hourlyUntil) };
    return sent.run(
      async () => onSaved(await api<WondeFeedStatus>("PUT", "/api/imports/wonde/schedule", body)),
      undefined,
      (err) => (err instanceof ApiError && err.field ? `${err.field}: ${err.message}` : (err as Error).message),
    );
  };
  return (
    <form onSubmit={(e) => void save(e)} aria-label="Sync schedule">
      <h3>Sync schedule</h3>
      <p>On school days only: weekends and the school&apos;s closures on the calendar are skipped.</p>
      <label htmlFor="wonde-busy-from">Often from</label>
      <input id="wonde-busy-from" type="time" required value={form.busyFrom} onChange={(e) => setForm({ ...form, busyFrom: e.target.value })} />
      <label htmlFor="wonde-busy-until">until</label>
      <input id="wonde-busy-until" type="time" required value={form.busyUntil} onChange={(e) => setForm({ ...form, busyUntil: e.target.value })} />
      <label htmlFor="wonde-busy-every">every (minutes)</label>
      <input id="wonde-busy-every" type="number" min={5} max={60} required value={form.busyEvery} onChange={(e) => setForm({ ...form, busyEvery: e.target.value })} />
      <label htmlFor="wonde-hourly-until">then hourly until</label>
      <input id="wonde-hourly-until" type="time" required value={form.hourlyUntil} onChange={(e) => setForm({ ...form, hourlyUntil: e.target.value })} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Save the schedule
        </button>
      </div>
    </form>
  );
}
