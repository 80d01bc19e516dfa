import { useApi } from "../../useApi";
import type { FamilyPolicyLink } from "../../../../src/contracts/family-policy";
import type { Policy } from "./policy-words";

/**
 * Where families read this policy (scargill, transform-trust: "made available to
 * parents"): a page without sign-in and its PDF, made from the version in force.
 */
export function ForFamilies({ asked, onCopied }: { asked: Policy["familyCopy"]; onCopied: () => void }) {
  const { data } = useApi<FamilyPolicyLink>("/api/policy/family-link");
  if (!data) return null;
  return (
    <section aria-labelledby="policy-for-families">
      <h2 id="policy-for-families">For families</h2>
      <p>
        Families can read this policy in plain English, without signing in, at this address: put it on the school&rsquo;s website or in a letter. It is made from the
        version in force, so a change saved here is on it the same day. It names no child.
        {asked && (
          <>
            {" "}
            The policy asks for it: {asked.note ?? "a copy is made available to parents"} <span className="clause">{asked.clause}</span>
          </>
        )}
      </p>
      <p>
        <a href={data.path} className="family-policy-link">
          {data.url}
        </a>
      </p>
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(data.url).then(onCopied);
          }}
        >
          Copy the address
        </button>{" "}
        <a className="button secondary" href={data.pdfPath} download>
          PDF for families
        </a>
      </p>
    </section>
  );
}
