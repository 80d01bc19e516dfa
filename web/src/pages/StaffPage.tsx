import { useState } from "react";
import type { PageProps } from "../App";
import { api, may, ROLE_LABELS, type Role } from "../api";
import { useForm } from "../useForm";
import { FormMessage } from "../records/forms";
import { useApi } from "../useApi";
import { SchoolSecondFactorSetting, SignInControls } from "./SignInControls";
import type { StaffDisabled, StaffList, StaffMember } from "../../../src/contracts/staff";
import type { PolicyView } from "../../../src/contracts/policy";

/**
 * A role as the school's policy names its holders beside Doorstep's word
 * (hunsbury-park 1, 3: "Home visitor: Family Support Worker (FSW)"); the role
 * and what it may do are the same.
 */
function useRoleLabel(): (role: Role) => string {
  const { data } = useApi<PolicyView>("/api/policy");
  const names = data?.inForce.policy.roleNames ?? [];
  return (role) => {
    const named = names.find((n) => n.role === role);
    return named ? `${ROLE_LABELS[role]}: ${named.name}` : (ROLE_LABELS[role] ?? role);
  };
}

export function StaffPage({ session }: PageProps) {
  const { data, error, reload } = useApi<StaffList>("/api/staff");
  const roleLabel = useRoleLabel();
  // The server decides who may grant which role (src/domain/people/role-grants.ts); the form offers only those.
  const grantable = data?.grantable ?? [];
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
              <th scope="col">Account</th>
              <th scope="col">Sign-in</th>
            </tr>
          </thead>
          <tbody>
            {(data?.staff ?? []).map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{s.email}</td>
                <td>{s.mobile ?? "—"}</td>
                <td>{s.roles.map((r) => roleLabel(r as Role)).join(", ")}</td>
                <td>{s.id === session.user.id ? "You" : <LeaverButton staff={s} onDone={reload} />}</td>
                <td>
                  <SignInControls session={session} staff={s} onDone={reload} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {grantable.length > 0 && <AddStaffForm onAdded={reload} grantable={grantable} roleLabel={roleLabel} />}
      {may(session, "GET /api/school/second-factor") && <SchoolSecondFactorSetting session={session} />}
    </>
  );
}

/**
 * A leaver's account is disabled at once: signed out everywhere, calendar feed and
 * alerts stopped, taken off visits not yet made (the head is told of each).
 */
function LeaverButton({ staff, onDone }: { staff: StaffMember; onDone: () => Promise<void> }) {
  const { run, busy, ...form } = useForm({ onDone });
  const act = async () => {
    if (!staff.disabled && !window.confirm(`Disable ${staff.name}'s account? They are signed out at once and taken off visits not yet made.`)) return;
    if (staff.disabled) await run(() => api("POST", `/api/staff/${staff.id}/enable`), "Can sign in again.");
    else
      await run(
        () => api<StaffDisabled>("POST", `/api/staff/${staff.id}/disable`),
        (r) => `Disabled${r.offVisits.length ? `; taken off ${r.offVisits.length} visit${r.offVisits.length === 1 ? "" : "s"} (see your notifications)` : ""}.`,
      );
  };
  return (
    <>
      {staff.disabled && <span className="muted">Disabled. </span>}
      <button type="button" className="secondary" disabled={busy} onClick={() => void act()}>
        {staff.disabled ? `Enable ${staff.name}` : `Disable ${staff.name} (leaver)`}
      </button>
      {(form.error ?? form.status) && <span role="status"> {form.error ?? form.status}</span>}
    </>
  );
}

function AddStaffForm({ onAdded, grantable, roleLabel }: { onAdded: () => Promise<void>; grantable: Role[]; roleLabel: (role: Role) => string }) {
  const first: Role = grantable.includes("visitor") ? "visitor" : grantable[0]!;
  const [form, setForm] = useState({ name: "", email: "", mobile: "", password: "", role: first });
  const { run, ...sent } = useForm({ onDone: onAdded });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section aria-labelledby="add-staff">
      <h2 id="add-staff">Add a member of staff</h2>
      <FormMessage form={sent} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await api("POST", "/api/staff", {
              name: form.name,
              email: form.email,
              mobile: form.mobile || undefined,
              password: form.password,
              roles: [form.role],
            });
            setForm({ name: "", email: "", mobile: "", password: "", role: first });
            return `${form.name} added.`;
          });
        }}
      >
        <label htmlFor="staff-name">Full name</label>
        <input id="staff-name" required value={form.name} onChange={set("name")} />
        <label htmlFor="staff-email">Email</label>
        <input id="staff-email" type="email" required value={form.email} onChange={set("email")} />
        <label htmlFor="staff-mobile">Mobile (carried on visits)</label>
        <input id="staff-mobile" type="tel" value={form.mobile} onChange={set("mobile")} />
        <label htmlFor="staff-password">First password (at least 10 characters)</label>
        <p id="staff-password-hint" className="rec-hint">Not a common password, and not built on their name, email, the school's name or "Doorstep": three or more random words work well.</p>
        <input id="staff-password" type="password" autoComplete="new-password" required aria-describedby="staff-password-hint" value={form.password} onChange={set("password")} />
        <label htmlFor="staff-role">Role</label>
        <select id="staff-role" value={form.role} onChange={set("role")}>
          {grantable.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
        <button type="submit">Add member of staff</button>
      </form>
    </section>
  );
}
