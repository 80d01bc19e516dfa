import { describe, expect, it } from "vitest";
import { renderVisitListPdf } from "./visit-list";
import { flat, pdfInfo, pdfText, sampleVisit, sampleVisitList } from "./test-support";

describe("renderVisitListPdf", () => {
  it("holds what coteford 3.2 asks for: pupils' names and address, parents' contact details, attendance", async () => {
    const text = await pdfText(await renderVisitListPdf(sampleVisitList()));
    expect(text).toContain("Home visit list for approval");
    expect(text).toContain("Coteford Primary School");
    expect(text).toContain("Generated Sunday 22 November 2026, 09:14");
    expect(text).toContain("coteford 3.2-3.3");
    expect(text).toContain("Visit 1 of 1: Tuesday 24 November 2026, 10:30");
    expect(text).toContain("Safe and well visit: third day of absence (coteford 2.4)");
    expect(text).toContain("State: proposed");
    // pupils
    expect(text).toContain("Łucja Nowak, Year 4 / 4B");
    expect(text).toContain("UPN A123456789012");
    expect(text).toContain("Zoë Brontë");
    expect(text).toContain("14 Żurawia Close, Coteford CT1 4QX");
    // parents and their contact details
    expect(text).toContain("Siobhán Ó Ceallaigh (Mother)");
    expect(text).toContain("Phone: 07700 900123");
    expect(text).toContain("Email: siobhan@example.org");
    expect(text).toContain("Piotr Nowak (Father)");
    expect(text).toContain("Phone: none recorded");
    expect(text).toContain("Email: none recorded");
    // attendance record
    expect(text).toContain("Attendance: 87.4%");
    expect(text).toMatch(/Sessions missed: 14 \(authorised 4,\s/);
    // A sibling visit prints each child's own record, under the child's name.
    expect(text).toContain("Attendance: 62.5%");
    expect(text).toMatch(/Sessions missed: 30 \(authorised 2,\s/);
    expect(text).toContain("unauthorised 10)");
    expect(text).toContain("Recent marks: Mon / / Tue N N Wed N N");
    // team
    expect(text).toContain("Amara Okafor");
    expect(text).toContain("Dóra Kovács");
  });

  it("leaves an empty headteacher's signature box until the list is approved", async () => {
    const text = await pdfText(await renderVisitListPdf(sampleVisitList()));
    expect(text).toContain("Not yet approved");
    expect(text).toContain("Headteacher's signature");
    expect(text).toMatch(/^\s*Name\s*$/m);
    expect(text).toMatch(/^\s*Date\s*$/m);
    expect(text).not.toContain("Approved and signed by");
  });

  it("says who approved and signed it, with their role, account and time", async () => {
    const approval = { signedName: "Margaret Ó Briain", accountName: "head@coteford.example", role: "Headteacher", signedAt: "Sunday 22 November 2026, 09:20" };
    const text = await pdfText(await renderVisitListPdf(sampleVisitList({ approval })));
    expect(flat(text)).toContain(
      "Approved and signed by Margaret Ó Briain (Headteacher, account head@coteford.example) on Sunday 22 November 2026, 09:20",
    );
    expect(text).not.toContain("Not yet approved");
    expect(text).not.toContain("Headteacher's signature");
  });

  it("prints missing details as missing rather than leaving them out", async () => {
    const visit = sampleVisit({
      time: null,
      parents: [],
      team: [],
      pupils: [{ name: "Zoë Brontë", yearClass: null, upn: "B987654321098", attendance: { percent: null, sessionsMissed: 0, authorised: 0, unauthorised: 0, recentMarks: "" } }],
    });
    const text = await pdfText(await renderVisitListPdf(sampleVisitList({ visits: [visit] })));
    expect(text).toContain("Tuesday 24 November 2026, time to be arranged");
    expect(text).toContain("No parent or carer recorded");
    expect(text).toContain("No staff assigned yet");
    expect(text).toContain("Attendance: no sessions yet");
    expect(text).toContain("Recent marks: none");
  });

  it("spans pages for a long list, numbering them, with the signature block at the end", async () => {
    const visits = Array.from({ length: 12 }, (_, i) => sampleVisit({ date: `Day ${i + 1}` }));
    const pdf = await renderVisitListPdf(sampleVisitList({ visits }));
    const pages = Number((await pdfInfo(pdf)).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = await pdfText(pdf);
    expect(text).toContain(`Page 2 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    for (let i = 1; i <= 12; i++) expect(text).toContain(`Visit ${i} of 12: Day ${i}, 10:30`);
    // pdftotext separates pages with a form feed. No visit is split over a page
    // break: each page holds as many visit headings as "Visiting team" labels
    // (the last thing in a visit block).
    const pageTexts = text.split("\f").filter((page) => page.trim() !== "");
    for (const page of pageTexts) {
      expect(page.match(/Visit \d+ of 12/g)?.length ?? 0).toBe(page.match(/Visiting team/g)?.length ?? 0);
    }
    expect(pageTexts.at(-1)).toContain("Not yet approved");
  });

  it("lets a visit taller than a page flow over pages rather than drop it", async () => {
    const pupils = Array.from({ length: 60 }, (_, i) => ({ name: `Pupil ${i + 1} Ó Ceallaigh`, yearClass: "Year 1", upn: `U${i + 1}`, attendance: sampleVisit().pupils[0]!.attendance }));
    const pdf = await renderVisitListPdf(sampleVisitList({ visits: [sampleVisit({ pupils })] }));
    expect(Number((await pdfInfo(pdf)).Pages)).toBeGreaterThanOrEqual(2);
    const text = await pdfText(pdf);
    expect(text).toContain("Pupil 1 Ó Ceallaigh");
    expect(text).toContain("Pupil 60 Ó Ceallaigh");
  });

  it("renders an empty list with its signature block", async () => {
    const text = await pdfText(await renderVisitListPdf(sampleVisitList({ visits: [] })));
    expect(text).toContain("0 visits");
    expect(text).toContain("There are no visits on this list.");
    expect(text).toContain("Not yet approved");
  });
});

describe("renderVisitListPdf: the team", () => {
  it("prints each team member's role next to their name", async () => {
    const visit = sampleVisit({ team: [{ name: "Amara Okafor", role: "Home visitor" }, { name: "Dóra Kovács", role: "Headteacher, Deputy DSL" }, { name: "Ola Nowak", role: null }] });
    const text = flat(await pdfText(await renderVisitListPdf(sampleVisitList({ visits: [visit] }))));
    expect(text).toContain("Amara Okafor (Home visitor)");
    // Side-by-side columns interleave in pdftotext, so the labels are short enough to stay on one line.
    expect(text).toContain("Dóra Kovács (Headteacher, Deputy DSL)");
    expect(text).toMatch(/Ola Nowak(?! \()/);
  });
});
