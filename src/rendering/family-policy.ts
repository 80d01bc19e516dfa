// The family's copy of the school's home-visit policy, printed: the same
// sections and clauses as the page at /families/policy/<id>, for the school to
// put on its website or hand out (scargill, transform-trust: "made available to
// parents").
import type { FamilyPolicyCopy } from "../domain/policy/family-copy";
import { renderPdf, type Content } from "./render-pdf";

export interface FamilyPolicyDocument {
  copy: FamilyPolicyCopy;
  /** "in force from Monday 7 December 2026" or "in force since the school adopted it". */
  inForce: string;
  /** "December 2027". */
  nextReview: string;
}

export const familyPolicyTitle = (schoolName: string) => `Home visits: a guide for families at ${schoolName}`;

export function renderFamilyPolicyPdf({ copy, inForce, nextReview }: FamilyPolicyDocument): Promise<Buffer> {
  const contact = [copy.contact.phone && `Phone: ${copy.contact.phone}`, copy.contact.email && `Email: ${copy.contact.email}`, copy.contact.address && `Address: ${copy.contact.address}`].filter(
    (line): line is string => typeof line === "string",
  );
  const content: Content = [
    { text: familyPolicyTitle(copy.schoolName), style: "title" },
    { text: `From the school's ${copy.policyName}, version ${copy.version}, ${inForce}; next review due ${nextReview}. The numbers in brackets say where each point is in the policy.`, style: "small", margin: [0, 0, 0, 6] },
    ...copy.sections.flatMap((s): Content[] => [
      { text: s.heading, style: "heading" },
      { ul: s.items.map((i) => (i.clause ? { text: [i.text, { text: ` (${i.clause})`, style: "small" }] } : i.text)), margin: [0, 0, 0, 2] },
    ]),
    ...(contact.length > 0 ? [{ text: "Contact the school", style: "heading" } as Content, { text: contact.join("\n") } as Content] : []),
  ];
  return renderPdf({ title: familyPolicyTitle(copy.schoolName), subject: `${copy.policyName}, version ${copy.version}`, content, footerNote: `${copy.schoolName}: home visits, for families` });
}
