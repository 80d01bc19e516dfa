import { useEffect, useMemo, useState } from "react";
import { ROLE_LABELS, type Role } from "../api";
import { useApi } from "../useApi";
import { useSubmit } from "./Feedback";
import { send } from "./request";
import { canOrganise } from "./roles";
import { Section, type VisitSectionProps } from "./Section";
import { isFinal, type VisitView } from "./types";
import type { StaffOption, StaffOptions } from "../../../src/contracts/visits";
import type { PolicyView } from "../../../src/contracts/policy";
import type { PolicyTemplate } from "../../../src/domain/policy/template";

/** The part of the policy in force (GET /api/policy) that says whether a visit is paired. */
type TeamRules = Pick<PolicyTemplate["conduct"], "pairing">;

/** "Mobile recorded · DBS 2021-03-02 · barred list checked 2024-01-10 · training: Lone working (to 2027-09-01) · car: Red Ford Focus, AB12 CDE". */
function facts(o: StaffOption): string {
  const parts = [
    o.mobile ? `mobile ${o.mobile}` : "no mobile recorded",
    o.dbs ? `enhanced DBS issued ${o.dbs.issuedOn}${o.dbs.current ? "" : " (due for re-check)"}` : "no DBS recorded",
    o.barredListCheckedOn ? `barred list checked ${o.barredListCheckedOn}` : "no barred list check recorded",
    o.training.length ? `training: ${o.training.map((t) => `${t.kind}${t.expiresOn ? ` (to ${t.expiresOn})` : ""}`).join(", ")}` : "no training recorded",
    o.vehicle ? `vehicle: ${o.vehicle.description.trim() || "details incomplete"}, ${o.vehicle.registration}${o.vehicle.insured ? "" : " (not insured on the day)"}` : "no vehicle recorded",
  ];
  return parts.join(" · ");
}

function pairingNote(rules: TeamRules, visit: VisitView): string | null {
  const p = rules.pairing;
  if (p.value === "always_two") return `Two members of staff make every visit under this policy (${p.clause}).`;
  if (p.value === "per_risk_assessment" && visit.riskAssessment?.pairDecision) return `The risk assessment says this visit is paired: choose two members of staff (${p.clause}).`;
  if (p.value === "per_risk_assessment") return `The risk assessment decides whether this visit is paired (${p.clause}).`;
  return null;
}

const roleNames = (roles: string[]) => roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(", ");

/**
 * The team: who goes, and who drives, chosen from the staff who can make
 * visits. Each person shows the facts the policy's team check reads and, where
 * they fall short on the day of the visit, why. The server checks the team
 * again and refuses with every failing requirement and its clause; the message
 * is shown in full.
 */
export function TeamSection({ visit, session, reload }: VisitSectionProps) {
  const editable = canOrganise(session) && !isFinal(visit.state) && visit.state !== "under_way";
  const options = useApi<StaffOptions>(editable ? `/api/visits/staff-options?date=${visit.day}` : null);
  const policy = useApi<PolicyView>(editable ? `/api/policy?date=${visit.day}` : null);
  const rules = policy.data?.inForce.policy.conduct ?? null;
  const [chosen, setChosen] = useState<Map<string, boolean>>(new Map());
  const teamKey = visit.team.map((t) => `${t.staff.userId}:${t.driver}`).join(",");
  useEffect(() => {
    setChosen(new Map(visit.team.map((t) => [t.staff.userId, t.driver])));
    // Start again from the saved team whenever it changes.
  }, [teamKey]); // visit.team is read through teamKey
  const { run, view, busy } = useSubmit(reload);

  const staff = useMemo(() => {
    const list = (options.data?.staff ?? []).map((o) => ({ o, problems: o.shortfalls.passenger }));
    // Those who meet the policy first, then by name.
    return list.sort((a, b) => Number(a.problems.length > 0) - Number(b.problems.length > 0) || a.o.name.localeCompare(b.o.name, "en-GB"));
  }, [options.data]);

  const set = (id: string, on: boolean, driver = false) =>
    setChosen((m) => {
      const next = new Map(m);
      if (on) next.set(id, driver);
      else next.delete(id);
      return next;
    });

  const note = rules ? pairingNote(rules, visit) : null;
  const chosenCount = chosen.size;

  return (
    <Section id="team" title="Team">
      {visit.team.length === 0 ? (
        <p>No team is chosen yet.</p>
      ) : (
        <ul className="visit-team">
          {visit.team.map((t) => (
            <li key={t.staff.userId}>
              <span>
                <strong>{t.staff.name}</strong>
                {t.driver ? ", driving" : ""}
                {t.driver && t.staff.vehicle ? ` (${t.staff.vehicle.colour} ${t.staff.vehicle.make} ${t.staff.vehicle.model}, ${t.staff.vehicle.registration})` : ""}
              </span>
              <span>{t.staff.mobile ? <a href={`tel:${t.staff.mobile.replace(/[^0-9+]/g, "")}`}>{t.staff.mobile}</a> : <span className="muted">no mobile recorded</span>}</span>
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <>
          {(options.error || policy.error) && (
            <p role="alert" className="error-summary">
              {options.error ? `The staff to choose from could not be loaded: ${options.error}` : `The policy could not be loaded, so whether this visit is paired is not shown here (the server still checks the team): ${policy.error}`}
            </p>
          )}
          {view}
          <form
            className="visit-form"
            onSubmit={(e) => {
              e.preventDefault();
              const members = [...chosen].map(([userId, driver]) => ({ userId, driver }));
              const who = staff.filter((s) => chosen.has(s.o.id)).map((s) => s.o.name);
              void run(() => send(session, "PUT", `/api/visits/${visit.id}/team`, { members }), `Team saved: ${who.join(" and ") || "nobody"}.`);
            }}
          >
            <fieldset aria-describedby="team-hint">
              <legend>Choose who makes the visit</legend>
              <p className="hint" id="team-hint">
                Checks are judged on the day of the visit, by the same check that saves the team. {note}
              </p>
              {!options.data && !options.error && <p role="status">Loading the staff…</p>}
              {options.data && staff.length === 0 && <p>No member of staff can be chosen: add staff who make visits first.</p>}
              <ul className="visit-team visit-team-choose">
                {staff.map(({ o, problems: base }) => {
                  const on = chosen.has(o.id);
                  const driver = on && chosen.get(o.id) === true;
                  const problems = driver ? o.shortfalls.driver : base;
                  const factsId = `team-facts-${o.id}`;
                  return (
                    <li key={o.id} className={problems.length ? "team-option team-option-short" : "team-option"}>
                      <label className="inline">
                        <input type="checkbox" checked={on} aria-describedby={factsId} onChange={(e) => set(o.id, e.currentTarget.checked, chosen.get(o.id) ?? false)} />
                        <span>
                          {o.name} <span className="muted">({roleNames(o.roles)})</span>
                        </span>
                      </label>
                      <label className="inline">
                        <input type="checkbox" checked={driver} onChange={(e) => set(o.id, true, e.currentTarget.checked)} />
                        <span>
                          drives<span className="visually-hidden"> ({o.name})</span>
                        </span>
                      </label>
                      <div id={factsId} className="team-facts">
                        <p className={problems.length ? "team-verdict team-verdict-short" : "team-verdict"}>
                          {problems.length ? (
                            <>
                              Does not meet the policy for this visit:{" "}
                              {problems.map((p, i) => (
                                <span key={i}>
                                  {i > 0 ? "; " : ""}
                                  {p.message} ({p.clause})
                                </span>
                              ))}
                              .
                            </>
                          ) : (
                            "Meets the policy's checks for this visit."
                          )}
                        </p>
                        <p className="muted team-fact-list">{facts(o)}</p>
                      </div>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
            <p className="muted">{chosenCount === 0 ? "Nobody chosen." : `${chosenCount} chosen.`}</p>
            <button type="submit" disabled={busy || !options.data}>
              Save the team
            </button>
          </form>
        </>
      )}
    </Section>
  );
}
