import { Fragment } from "react";
import { ROLE_LABELS, type Role } from "../../api";
import { CONDUCT_LABELS, conductOf, describeConduct, describeRecord, describeRule, plural, RECORD_LABELS, roleName, ruleLabel, words, type Policy } from "./policy-words";

/** What the policy says: when a child is absent, how visits are carried out, and records and who decides. */
export function PolicyProvisions({ policy }: { policy: Policy }) {
  return (
    <>
    <h2>When a child is absent</h2>
    <ol className="policy-rules">
      {policy.absenceRules.map((rule) => (
        <li key={rule.kind}>
          <h3>
            {ruleLabel(rule.kind)} <span className="clause">{rule.clause}</span>
          </h3>
          <p>{describeRule(rule)}</p>
          {rule.supersedes && rule.supersedes.length > 0 && (
            <p className="muted">While this is due, the list does not also show: {rule.supersedes.map((k) => ruleLabel(k).toLowerCase()).join(", ")}.</p>
          )}
        </li>
      ))}
    </ol>

    <h2>How visits are carried out</h2>
    <dl className="facts policy-conduct">
      {Object.keys(CONDUCT_LABELS).map((key) => {
        const p = conductOf(policy)[key];
        return (
          <Fragment key={key}>
            <dt>{CONDUCT_LABELS[key]}</dt>
            <dd>
              {p ? (
                <>
                  {describeConduct(key, p.value)} <span className="clause">{p.clause}</span>
                  {Object.entries(p.clauses ?? {}).map(([kind, clause]) => (
                    <span key={kind} className="policy-note">
                      {kind}: <span className="clause">{clause}</span>
                    </span>
                  ))}
                  {p.organisedBy && (
                    <span className="policy-note">
                      Organised by the {p.organisedBy.roles.map((r) => roleName(policy, r)).join(" and ")} <span className="clause">{p.organisedBy.clause}</span>
                    </span>
                  )}
                  {p.note && <span className="policy-note">{p.note}</span>}
                </>
              ) : (
                <span className="muted">The policy does not say.</span>
              )}
            </dd>
          </Fragment>
        );
      })}
    </dl>

    <h2>Records and who decides</h2>
    <dl className="facts policy-conduct">
      {(policy.roleNames ?? []).map((n) => (
        <Fragment key={n.role}>
          <dt>{ROLE_LABELS[n.role as Role] ?? words(n.role)}s are called</dt>
          <dd>
            {n.name} <span className="clause">{n.clause}</span>
            {n.note && <span className="policy-note">{n.note}</span>}
          </dd>
        </Fragment>
      ))}
      {(policy.referralDeciders ?? []).map((d) => (
        <Fragment key={d.kinds.join()}>
          <dt>Who opens {d.kinds.map((k) => words(k)).join(" and ")} referrals</dt>
          <dd>
            Only the {d.roles.map((r) => words(r)).join(" or ")} <span className="clause">{d.clause}</span>
            {d.note && <span className="policy-note">{d.note}</span>}
          </dd>
        </Fragment>
      ))}
      {policy.agreements && (
        <>
          <dt>An agreement with a parent not kept</dt>
          <dd>
            A note on the attendance record{policy.agreements.attendanceNote && <> <span className="clause">{policy.agreements.attendanceNote}</span></>} and a reminder letter
            {policy.agreements.reminderLetter && <> <span className="clause">{policy.agreements.reminderLetter}</span></>}; a follow-up visit is proposed once it has not been kept{" "}
            {plural(policy.agreements.followUpVisit.value.afterBreaches, "time")} <span className="clause">{policy.agreements.followUpVisit.clause}</span>
            {policy.agreements.followUpVisit.note && <span className="policy-note">{policy.agreements.followUpVisit.note}</span>}
          </dd>
        </>
      )}
      {Object.entries(policy.records ?? {}).map(([key, p]) => (
        <Fragment key={key}>
          <dt>{RECORD_LABELS[key] ?? words(key)}</dt>
          <dd>
            {describeRecord(key, p.value)} <span className="clause">{p.clause}</span>
            {p.note && <span className="policy-note">{p.note}</span>}
          </dd>
        </Fragment>
      ))}
    </dl>
    </>
  );
}
