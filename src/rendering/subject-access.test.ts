import { describe, expect, it } from "vitest";
import { renderSubjectAccessPdf } from "./subject-access";
import { flat, pdfText } from "./test-support";
import type { SubjectAccessExport } from "../contracts/retention";

const sample = (decision: "include" | "withhold"): SubjectAccessExport => ({
  request: {
    id: "r1",
    subjectKind: "contact",
    pupilId: "p1",
    pupilName: "Łucja Nowak",
    contactId: "c1",
    contactName: "Siobhán Ó Ceallaigh",
    requestedBy: "Siobhán Ó Ceallaigh, by email",
    receivedOn: "2026-12-04",
    dueOn: "2027-01-04",
    recordedName: "Zoë Brontë",
    concernsDecision: decision,
    concernsReason: "Her own data",
    concernsDecidedName: "Dee Designated",
    concernsDecidedAt: "2026-12-07T16:30:00.000Z",
  },
  school: "Coteford Primary School",
  generatedAt: "2026-06-01T08:05:00.000Z",
  subject: "Siobhán Ó Ceallaigh (contact for Łucja Nowak)",
  sections: [
    { key: "contact", title: "The contact's record", layout: "records", columns: [{ key: "name", label: "Name" }, { key: "pr", label: "Parental responsibility" }, { key: "email", label: "Email" }], rows: [{ name: "Siobhán Ó Ceallaigh", pr: true, email: null }], note: null },
    { key: "register", title: "Attendance register", layout: "table", columns: [{ key: "day", label: "Day" }, { key: "code", label: "Code" }], rows: [{ day: "2026-12-01", code: "N" }], note: null },
    { key: "replies", title: "Replies from this contact", layout: "records", columns: [{ key: "body", label: "Message" }], rows: [], note: null },
    { key: "concerns", title: "Safeguarding concerns", layout: "records", columns: [{ key: "summary", label: "Summary" }], rows: [], note: "Not included: the designated safeguarding lead decided so." },
  ],
});

describe("renderSubjectAccessPdf", () => {
  it("reads as a person would: who asked, when due, every section, names in full, times in London", async () => {
    const text = flat(await pdfText(await renderSubjectAccessPdf(sample("withhold"))));
    expect(text).toContain("Subject access: Siobhán Ó Ceallaigh (contact for Łucja Nowak)");
    expect(text).toContain("Asked for by Siobhán Ó Ceallaigh, by email; received 2026-12-04; due 2027-01-04");
    expect(text).toContain("as on 1 Jun 2026, 09:05");
    expect(text).toContain("Safeguarding concerns: withheld by the decision of Dee Designated on 7 Dec 2026, 16:30");
    expect(text).toMatch(/Parental responsibility\s+Yes/);
    expect(text).toMatch(/Email\s+—/);
    expect(text).toMatch(/2026-12-01\s+N/);
    expect(text).toMatch(/Replies from this contact\s+None held\./);
    expect(text).toContain("Not included: the designated safeguarding lead decided so.");
  });

  it("says when the concerns are included", async () => {
    expect(flat(await pdfText(await renderSubjectAccessPdf(sample("include"))))).toContain("Safeguarding concerns: included by the decision of");
  });
});
