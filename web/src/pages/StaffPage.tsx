import { useState } from "react";
import type { PageProps } from "../App";
import { api, errorText, ROLE_LABELS, type Role } from "../api";
import { useApi } from "../useApi";

interface Staff {
  id: string;
  name: string;
  email: string;
  mobile: string | null;
  roles: string[];
  lockedUntil: string | null;
}

export function StaffPage({ session }: PageProps) {
  const { data, error, reload } = useApi<{ staff: Staff[] }>("/api/staff");
  const canAdd = session.roles.includes("headteacher") || session.roles.includes("business_manager");
  return (
    <>
      <h1>Staff</h1>
      {error && <p role="alert">{error}</p>}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Staff with a Doorstep account in this school</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Mobile</th>
              <th scope="col">Roles</th>
            </tr>
          </thead>
          <tbody>
            {(data?.staff ?? []).map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{s.email}</td>
                <td>{s.mobile ?? "—"}</td>
                <td>{s.roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canAdd && <AddStaffForm onAdded={reload} />}
    </>
  );
}

function AddStaffForm({ onAdded }: { onAdded: () => Promise<void> }) {
  const [form, setForm] = useState({ name: "", email: "", mobile: "", password: "", role: "visitor" as Role });
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section aria-labelledby="add-staff">
      <h2 id="add-staff">Add a member of staff</h2>
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "error-summary" : "ok"}>
          {message.text}
        </p>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await api("POST", "/api/staff", {
              name: form.name,
              email: form.email,
              mobile: form.mobile || undefined,
              password: form.password,
              roles: [form.role],
            });
            setMessage({ kind: "ok", text: `${form.name} added.` });
            setForm({ name: "", email: "", mobile: "", password: "", role: "visitor" });
            await onAdded();
          } catch (err) {
            setMessage({ kind: "error", text: errorText(err) });
          }
        }}
      >
        <label htmlFor="staff-name">Full name</label>
        <input id="staff-name" required value={form.name} onChange={set("name")} />
        <label htmlFor="staff-email">Email</label>
        <input id="staff-email" type="email" required value={form.email} onChange={set("email")} />
        <label htmlFor="staff-mobile">Mobile (carried on visits)</label>
        <input id="staff-mobile" type="tel" value={form.mobile} onChange={set("mobile")} />
        <label htmlFor="staff-password">First password (at least 10 characters)</label>
        <input id="staff-password" type="password" autoComplete="new-password" required value={form.password} onChange={set("password")} />
        <label htmlFor="staff-role">Role</label>
        <select id="staff-role" value={form.role} onChange={set("role")}>
          {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <button type="submit">Add member of staff</button>
      </form>
    </section>
  );
}
