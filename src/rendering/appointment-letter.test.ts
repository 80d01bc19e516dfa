import { describe, expect, it } from "vitest";
import { listInWords, renderAppointmentLetterPdf } from "./appointment-letter";
import { flat, pdfImageCount, pdfInfo, pdfText, sampleLetter, signaturePng } from "./test-support";

describe("renderAppointmentLetterPdf", () => {
  it("tells the parent who will visit, when and where, and what to expect", async () => {
    const pdf = await renderAppointmentLetterPdf(sampleLetter());
    expect((await pdfInfo(pdf)).Title).toBe("Confirmation of home visit appointment: Coteford Primary School");
    const text = flat(await pdfText(pdf));
    expect(text).toContain("Confirmation of home visit appointment");
    expect(text).toContain("Coteford Primary School");
    expect(text).toContain("1 School Lane, Coteford CT1 1AA");
    expect(text).toContain("20 November 2026");
    expect(text).toContain("Siobhán Ó Ceallaigh 14 Żurawia Close, Coteford CT1 4QX");
    expect(text).toContain("Dear Siobhán Ó Ceallaigh,");
    expect(text).toContain("about Łucja Nowak and Zoë Brontë");
    expect(text).toContain("When Tuesday 24 November 2026 at 10:30");
    expect(text).toContain("Where 14 Żurawia Close, Coteford CT1 4QX");
    expect(text).toContain("Who will visit Amara Okafor (attendance officer) and Dóra Kovács");
    expect(text).toContain("carry school identification and will show it at the door");
    expect(text).toContain("only come into your home if you, or another parent or carer, are there");
    expect(text).toContain("phone 01632 960000 or email office@coteford.example");
    expect(text).toContain("Reference: coteford 2.6");
    expect(text).not.toContain("Signatures");
    expect(await pdfImageCount(pdf)).toBe(0);
  });

  it("includes the signature images, labelled, when given", async () => {
    const signatures = { parentPng: signaturePng(), officerPng: signaturePng(200, 60), signedAt: "Tuesday 24 November 2026, 10:52" };
    const pdf = await renderAppointmentLetterPdf(sampleLetter({ signatures }));
    const text = flat(await pdfText(pdf));
    expect(text).toContain("Signatures");
    expect(text).toContain("Parent/carer");
    expect(text).toContain("Attendance officer");
    expect(text).toContain("Signed Tuesday 24 November 2026, 10:52");
    expect(await pdfImageCount(pdf)).toBe(2);
  });

  it("says plainly which signature is missing", async () => {
    const signatures = { parentPng: null, officerPng: signaturePng(), signedAt: null };
    const pdf = await renderAppointmentLetterPdf(sampleLetter({ signatures }));
    const text = flat(await pdfText(pdf));
    expect(text).toContain("Not signed");
    expect(text).not.toContain("Signed ");
    expect(await pdfImageCount(pdf)).toBe(1);
  });

  it("refuses a signature that is not a PNG data URL", async () => {
    const signatures = { parentPng: "/etc/passwd", officerPng: null, signedAt: null };
    await expect(renderAppointmentLetterPdf(sampleLetter({ signatures }))).rejects.toThrow(/signatures\.parentPng/);
  });

  it("points to the school office when the school has no phone or email on record", async () => {
    const school = { name: "Coteford Primary School", address: null, phone: null, email: null };
    const text = flat(await pdfText(await renderAppointmentLetterPdf(sampleLetter({ school, pupilNames: [] }))));
    expect(text).toContain("please contact the school office");
    expect(text).toContain("about your child");
  });
});

describe("listInWords", () => {
  it("joins names as a sentence would", () => {
    expect(listInWords([])).toBe("");
    expect(listInWords(["A"])).toBe("A");
    expect(listInWords(["A", "B"])).toBe("A and B");
    expect(listInWords(["A", "B", "C"])).toBe("A, B and C");
  });
});
