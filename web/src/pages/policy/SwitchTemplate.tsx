import { useState } from "react";
import { api } from "../../api";
import { useApi } from "../../useApi";
import { useForm } from "../../useForm";
import type { PolicyVersion, TemplateChoices } from "../../../../src/contracts/policy";

/** A school adopting another school's or trust's policy starts from that seed template, from today. */
export function SwitchTemplate({ current, onSaved }: { current: string; onSaved: (v: PolicyVersion) => Promise<void> }) {
  const { data } = useApi<TemplateChoices>("/api/policy/templates");
  const [templateId, setTemplateId] = useState("");
  const [note, setNote] = useState("");
  const { run, busy, error, problems } = useForm({ fields: { templateId: "policy-template", note: "policy-template-note" } });
  const invalid = (id: string) => problems[0]?.id === id || undefined;
  const choices = (data?.templates ?? []).filter((t) => t.id !== current);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    return run(async () => {
      const version = await api<PolicyVersion>("POST", "/api/policy/template", { templateId, note });
      setTemplateId("");
      setNote("");
      await onSaved(version);
    });
  };

  return (
    <section aria-labelledby="policy-template-heading" className="policy-edit">
      <h2 id="policy-template-heading">Start from another policy</h2>
      <p>
        If the governing body adopts a different home visits policy, start from its template. It becomes a new version in force from today, replacing every rule
        and figure above; earlier days keep the version that was in force then.
      </p>
      {error && (
        <p role="alert" className="error-summary" id="policy-template-error">
          {error}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="policy-template">Policy template</label>
        <select id="policy-template" required value={templateId} onChange={(e) => setTemplateId(e.target.value)} aria-invalid={invalid("policy-template")}>
          <option value="">Choose a policy…</option>
          {choices.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <label htmlFor="policy-template-note">Why the school is changing policy</label>
        <textarea
          id="policy-template-note"
          required
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={invalid("policy-template-note")}
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            Adopt this policy from today
          </button>
        </div>
      </form>
    </section>
  );
}
