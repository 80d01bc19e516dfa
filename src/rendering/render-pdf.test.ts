import { describe, expect, it } from "vitest";
import { pngDataUrl, renderPdf } from "./render-pdf";
import { pdfInfo, pdfText, signaturePng } from "./test-support";

describe("renderPdf", () => {
  it("renders A4 with Doorstep's metadata and a page footer", async () => {
    const pdf = await renderPdf({ title: "A test document", subject: "testing", content: ["Hello"], footerNote: "Confidential" });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const info = await pdfInfo(pdf);
    expect(info).toMatchObject({ Title: "A test document", Author: "Doorstep", Subject: "testing", Pages: "1" });
    expect(info["Page size"]).toContain("(A4)");
    const text = await pdfText(pdf);
    expect(text).toContain("Page 1 of 1");
    expect(text).toContain("Confidential");
  });

  it("embeds a font that writes names the standard PDF fonts cannot", async () => {
    const names = ["Łucja Nowak", "Zoë Brontë", "Siobhán Ó Ceallaigh", "Dóra Kovács", "Şükrü Çelik"];
    const text = await pdfText(await renderPdf({ title: "Names", content: names }));
    for (const name of names) expect(text).toContain(name);
  });

  it("numbers every page out of the total", async () => {
    const content = Array.from({ length: 3 }, (_, i) => ({ text: `Part ${i + 1}`, ...(i > 0 ? { pageBreak: "before" as const } : {}) }));
    const text = await pdfText(await renderPdf({ title: "Three pages", content }));
    for (const n of [1, 2, 3]) expect(text).toContain(`Page ${n} of 3`);
  });

  it("reads no local file and fetches no URL named in a document", async () => {
    await expect(renderPdf({ title: "x", content: [{ image: "/etc/passwd" }] })).rejects.toThrow(/denied by resource access policy/);
    await expect(renderPdf({ title: "x", content: [{ image: "http://127.0.0.1:9/x.png" }] })).rejects.toThrow(/denied by resource access policy/);
  });
});

describe("pngDataUrl", () => {
  it("accepts a base64 PNG data URL", () => {
    const png = signaturePng();
    expect(pngDataUrl(png, "sig")).toBe(png);
  });

  it.each(["/etc/passwd", "https://example.org/sig.png", "data:image/svg+xml;base64,PHN2Zz4=", "data:image/png;base64,not base64!"])(
    "refuses %s, naming the field",
    (value) => {
      expect(() => pngDataUrl(value, "signatures.parentPng")).toThrow(/signatures\.parentPng/);
    },
  );
});

describe("renderPdf and its input", () => {
  it("leaves the caller's content as it was, so it can be rendered again", async () => {
    const content = ["Łucja Nowak", { table: { body: [["a", "b"]] }, layout: { hLineWidth: () => 1 } }];
    const before = JSON.stringify(content);
    const first = await pdfText(await renderPdf({ title: "Twice", content }));
    expect(JSON.stringify(content)).toBe(before);
    expect(await pdfText(await renderPdf({ title: "Twice", content }))).toBe(first);
  });
});
