import { useState } from "react";
import type { PageProps } from "../../App";
import { may } from "../../api";
import { useApi } from "../../useApi";
import type { PolicyView } from "../../../../src/contracts/policy";
import { longDate, SINCE_ALWAYS } from "./policy-words";
import { ReviewReminder } from "./ReviewReminder";
import { ForFamilies } from "./ForFamilies";
import { PolicyReviewSection } from "./PolicyReviewSection";
import { PolicyProvisions } from "./PolicyProvisions";
import { EditParameters } from "./EditParameters";
import { SwitchTemplate } from "./SwitchTemplate";
import { LawPackSection } from "./LawPackSection";
import { VersionHistory } from "./VersionHistory";

/** The school's policy in force: its rules, conduct and records in words, its review, and (for the head) its figures and template. */
export function PolicyPage({ session }: PageProps) {
  const { data, error, reload } = useApi<PolicyView>("/api/policy");
  const canEdit = may(session, "PUT /api/policy");
  const [saved, setSaved] = useState<string | null>(null);
  const policy = data?.inForce.policy;

  return (
    <>
      <h1>Policy</h1>
      {error && <p role="alert">{error}</p>}
      {data && policy && (
        <>
          <p className="policy-name">
            <strong>{policy.name}</strong>
          </p>
          <p>
            Version {data.inForce.version}, in force {data.inForce.effectiveFrom === SINCE_ALWAYS ? "since the school adopted it" : `from ${longDate(data.inForce.effectiveFrom)}`}. Transcribed
            from &ldquo;{policy.source.title}&rdquo;. Every action on the Today list names the clause of this policy that requires it.
          </p>
          <ReviewReminder review={data.review} policy={policy} />
          <ForFamilies asked={policy.familyCopy ?? null} onCopied={() => setSaved("The families' address is copied.")} />
          <div role="status">{saved && <p className="ok">{saved}</p>}</div>
          <PolicyReviewSection
            review={policy.review}
            session={session}
            onSaved={async (message) => {
              setSaved(message);
              await reload();
            }}
          />

          <PolicyProvisions policy={policy} />

          {canEdit && (
            <EditParameters
              key={data.inForce.version}
              policy={policy}
              onSaved={async (version) => {
                setSaved(`Saved as version ${version.version}, in force from ${longDate(version.effectiveFrom)}.`);
                await reload();
              }}
            />
          )}
          {canEdit && (
            <SwitchTemplate
              current={data.inForce.templateId}
              onSaved={async (version) => {
                setSaved(`Now on ${version.templateId}'s template: version ${version.version}, in force from ${longDate(version.effectiveFrom)}.`);
                await reload();
              }}
            />
          )}

          {may(session, "GET /api/statutory/packs") && <LawPackSection canChoose={may(session, "PUT /api/statutory/pack")} />}

          <VersionHistory versions={data.versions} />
        </>
      )}
    </>
  );
}
