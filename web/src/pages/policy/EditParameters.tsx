import { useState } from "react";
import { api } from "../../api";
import { useForm } from "../../useForm";
import type { PolicyVersion } from "../../../../src/contracts/policy";
import { conductOf, editableConduct, numericParameters, parameterLabel, parameterValues, ruleLabel, withParameters, type Policy } from "./policy-words";

/** The figures the governing body has agreed, changed as a new version of the policy in force from today. */
export function EditParameters({ policy, onSaved }: { policy: Policy; onSaved: (v: PolicyVersion) => Promise<void> }) {
  const conductFields = editableConduct(policy);
  const [values, setValues] = useState(() => parameterValues(policy));
  const [note, setNote] = useState("");
  const idOf = (path: string) => `edit-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;
  const { run, busy, error, problems } = useForm({ fields: { ...Object.fromEntries(Object.keys(values).map((path) => [path, idOf(path)])), note: "policy-note" } });

  const inputProps = (path: string, opts: { required: boolean; step?: string; min?: number; max?: number }) => {
    const invalid = problems[0]?.id === idOf(path);
    return {
      id: idOf(path),
      type: "number",
      inputMode: opts.step === "any" ? ("decimal" as const) : ("numeric" as const),
      required: opts.required,
      step: opts.step ?? "1",
      min: opts.min ?? 1,
      max: opts.max,
      value: values[path] ?? "",
      onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [path]: e.target.value }),
      "aria-invalid": invalid || undefined,
      "aria-describedby": invalid ? "policy-edit-error" : undefined,
      className: "policy-number",
    };
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const edited = withParameters(policy, values);
    await run(async () => {
      const version = await api<PolicyVersion>("PUT", "/api/policy", { policy: edited, note });
      await onSaved(version);
    });
  };

  return (
    <section aria-labelledby="policy-edit-heading" className="policy-edit">
      <h2 id="policy-edit-heading">Edit parameters</h2>
      <p>
        Change the figures the governing body has agreed. The change is saved as a new version of the policy, in force from today; earlier days keep the
        version that was in force then.
      </p>
      {error && (
        <p role="alert" className="error-summary" id="policy-edit-error">
          {error}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        {policy.absenceRules.map((rule, i) => {
          const params = numericParameters(rule);
          if (params.length === 0) return null;
          return (
            <fieldset key={rule.kind} className="policy-fieldset">
              <legend>
                {ruleLabel(rule.kind)} ({rule.clause})
              </legend>
              {params.map((k) => {
                const path = `absenceRules[${i}].${k}`;
                return (
                  <div key={k}>
                    <label htmlFor={idOf(path)}>{parameterLabel(k)}</label>
                    <input {...inputProps(path, k === "thresholdPercent" ? { required: true, step: "any", min: 0, max: 100 } : { required: true })} />
                  </div>
                );
              })}
            </fieldset>
          );
        })}
        {conductFields.length > 0 && (
          <fieldset className="policy-fieldset">
            <legend>Visits</legend>
            {conductFields.map((f) => (
              <div key={f.path}>
                <label htmlFor={idOf(f.path)}>
                  {f.label} ({conductOf(policy)[f.key]!.clause})
                </label>
                <input {...inputProps(f.path, { required: !f.optional })} />
              </div>
            ))}
          </fieldset>
        )}
        <label htmlFor="policy-note">What changed and why</label>
        <textarea id="policy-note" required rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={problems[0]?.id === "policy-note" || undefined} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save as a new version
          </button>
        </div>
      </form>
    </section>
  );
}
