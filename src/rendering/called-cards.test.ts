import { describe, expect, it } from "vitest";
import { renderCalledCardsPdf } from "./called-cards";
import { flat, pdfInfo, pdfText, sampleCard } from "./test-support";

describe("renderCalledCardsPdf", () => {
  it("prints four cards to a sheet, each with the child, date, time and how to contact the school", async () => {
    const cards = [
      sampleCard({ childName: "Łucja Nowak" }),
      sampleCard({ childName: "Zoë Brontë", time: "11:05" }),
      sampleCard({ childName: "Siobhán Ó Ceallaigh", phone: null }),
      sampleCard({ childName: "Dóra Kovács", email: null, address: "1 Demo Lane, Burgh le Marsh" }),
      sampleCard({ childName: "Ayo Adeyemi", date: "Wednesday 25 November 2026", phone: null, email: null }),
    ];
    const pdf = await renderCalledCardsPdf(cards);
    expect((await pdfInfo(pdf)).Pages).toBe("2");
    const text = await pdfText(pdf);
    const [first = "", second = ""] = text.split("\f");
    for (const name of ["Łucja Nowak", "Zoë Brontë", "Siobhán Ó Ceallaigh", "Dóra Kovács"]) expect(first).toContain(`Child: ${name}`);
    expect(first.match(/SORRY WE MISSED YOU!/g)).toHaveLength(4);
    expect(first.match(/Burgh Primary School/g)).toHaveLength(4);
    expect(first).toContain("Date: Tuesday 24 November 2026");
    expect(first).toContain("Time: 10:30");
    expect(first).toContain("Time: 11:05");
    expect(first).toContain("Phone: 01632 960111");
    expect(first).toContain("Email: office@burgh.example");
    expect(first).toContain("Page 1 of 2");
    expect(second).toContain("Child: Ayo Adeyemi");
    expect(second).toContain("Date: Wednesday 25 November 2026");
    // No number recorded: a line to write it on.
    expect(second).toMatch(/Phone: _{10,}/);
    expect(flat(first)).toContain("Address: 1 Demo Lane, Burgh le Marsh");
    expect(second).toContain("Page 2 of 2");
  });

  it("fits four cards on one sheet", async () => {
    const pdf = await renderCalledCardsPdf(Array.from({ length: 4 }, () => sampleCard()));
    expect((await pdfInfo(pdf)).Pages).toBe("1");
  });

  it("prints all of a card whose text is too long for it, rather than dropping it", async () => {
    const text = Array.from({ length: 120 }, (_, i) => `Sentence ${i + 1} of the school's long message.`).join(" ");
    const pdf = await renderCalledCardsPdf([sampleCard({ childName: "Zoë Brontë", text }), sampleCard()]);
    const printed = flat(await pdfText(pdf));
    expect(printed).toContain("Sentence 1 of");
    expect(printed).toContain("Sentence 120 of");
    expect(printed).toContain("Child: Zoë Brontë");
  });

  it("renders a page that says so when there are no cards", async () => {
    const text = await pdfText(await renderCalledCardsPdf([]));
    expect(text).toContain("There are no cards to print.");
  });
});
