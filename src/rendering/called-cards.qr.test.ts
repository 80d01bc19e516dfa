/** The reply link on the "We called today" card: printed, and its QR code read back to the same link by a QR reader. */
import { describe, expect, it } from "vitest";
import { qrCodesOf } from "../test/pdf-qr";
import { renderCalledCardsPdf } from "./called-cards";
import { flat, pdfInfo, pdfText, sampleCard } from "./test-support";

const LINK = "https://doorstep.example/r/Xq3_v-9kLmN0pQrStUvWxYz0123456789abcdefGHIJ";

describe("the reply link on the card", () => {
  it("prints the link and a QR code that reads back to it, four cards still to a sheet", async () => {
    const pdf = await renderCalledCardsPdf([sampleCard({ replyLink: LINK }), sampleCard(), sampleCard({ replyLink: LINK }), sampleCard({ replyLink: LINK })]);
    expect((await pdfInfo(pdf)).Pages).toBe("1");
    // The link wraps on the card: its address and its token are both printed.
    const text = flat(await pdfText(pdf));
    expect(text).toContain("https://doorstep.example/r/");
    expect(text).toContain(LINK.slice("https://doorstep.example/r/".length));
    expect(qrCodesOf(pdf, 2, 2)).toEqual([LINK, null, LINK, LINK]);
  });
});
