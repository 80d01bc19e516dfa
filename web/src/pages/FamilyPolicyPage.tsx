/**
 * The school's home-visit policy for its families (scargill, transform-trust:
 * "made available to parents"), at the address the school shares on its
 * website or in a letter. No sign-in, and nothing about any child: the school's
 * own provisions, in the version in force today, each with its clause.
 */
import { useEffect, useState } from "react";
import type { FamilyPolicy } from "../../../src/contracts/family-policy";
import { api } from "../api";
import { longDate, monthYear } from "../visits/format";

export function FamilyPolicyPage({ familyPolicyId }: { familyPolicyId: string }) {
  const [copy, setCopy] = useState<FamilyPolicy | null | "gone">(null);
  const path = `/api/families/policy/${encodeURIComponent(familyPolicyId)}`;

  useEffect(() => {
    api<FamilyPolicy>("GET", path).then(setCopy, () => setCopy("gone"));
  }, [path]);
  useEffect(() => {
    document.title = copy && copy !== "gone" ? `Home visits: a guide for families – ${copy.schoolName}` : "Home visits – Doorstep";
  }, [copy]);

  if (copy === null)
    return (
      <main id="main" className="family-policy">
        <p className="loading">Loading…</p>
      </main>
    );
  if (copy === "gone")
    return (
      <main id="main" className="family-policy">
        <h1>This page is not available</h1>
        <p>The address may have been mistyped. Please ask the school for its home visits policy.</p>
      </main>
    );
  const { phone, email, address } = copy.contact;
  return (
    <main id="main" className="family-policy">
      <p>{copy.schoolName}</p>
      <h1>Home visits: a guide for families</h1>
      <p>
        This is what the school&rsquo;s {copy.policyName} says about visits to your home: version {copy.version},{" "}
        {copy.inForceFrom ? `in force from ${longDate(copy.inForceFrom)}` : "in force since the school adopted it"}, next reviewed {monthYear(copy.nextReviewDue)}. The
        reference after each point says where it is in the policy.
      </p>
      <p>
        <a href={`${path}/pdf`} download>
          Download this page as a PDF
        </a>
      </p>
      {copy.sections.map((s) => (
        <section key={s.heading} aria-labelledby={`family-policy-${slug(s.heading)}`}>
          <h2 id={`family-policy-${slug(s.heading)}`}>{s.heading}</h2>
          <ul>
            {s.items.map((i) => (
              <li key={i.text}>
                {i.text} {i.clause && <span className="clause">{i.clause}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {(phone || email || address) && (
        <>
          <h2>Contact the school</h2>
          <dl className="facts">
            {phone && (
              <>
                <dt>Phone</dt>
                <dd>
                  <a href={`tel:${phone.replace(/\s+/g, "")}`}>{phone}</a>
                </dd>
              </>
            )}
            {email && (
              <>
                <dt>Email</dt>
                <dd>
                  <a href={`mailto:${email}`}>{email}</a>
                </dd>
              </>
            )}
            {address && (
              <>
                <dt>Address</dt>
                <dd>{address}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </main>
  );
}

const slug = (heading: string) => heading.toLowerCase().replace(/[^a-z]+/g, "-");
