/** The reply link on the "We called today" card: printed, and its QR code read back to the same link by a QR reader. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { renderCalledCardsPdf } from "./called-cards";
import { flat, pdfInfo, pdfText, sampleCard } from "./test-support";

const LINK = "https://doorstep.example/r/Xq3_v-9kLmN0pQrStUvWxYz0123456789abcdefGHIJ";

/** Each quarter of the rendered sheet is one card: its QR code read back, or null. */
function qrCodesOf(pdf: Buffer): (string | null)[] {
  const dir = mkdtempSync(path.join(tmpdir(), "cards-"));
  try {
    writeFileSync(path.join(dir, "cards.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", path.join(dir, "cards.pdf"), path.join(dir, "page")]);
    const png = PNG.sync.read(readFileSync(path.join(dir, readdirSync(dir).find((f) => f.endsWith(".png"))!)));
    const out: (string | null)[] = [];
    for (const [qx, qy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
      const w = Math.floor(png.width / 2), hh = Math.floor(png.height / 2);
      const part = new Uint8ClampedArray(w * hh * 4);
      for (let y = 0; y < hh; y++) {
        const from = ((qy * hh + y) * png.width + qx * w) * 4;
        part.set(png.data.subarray(from, from + w * 4), y * w * 4);
      }
      out.push(jsQR(part, w, hh)?.data ?? null);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the reply link on the card", () => {
  it("prints the link and a QR code that reads back to it, four cards still to a sheet", async () => {
    const pdf = await renderCalledCardsPdf([sampleCard({ replyLink: LINK }), sampleCard(), sampleCard({ replyLink: LINK }), sampleCard({ replyLink: LINK })]);
    expect((await pdfInfo(pdf)).Pages).toBe("1");
    // The link wraps on the card: its address and its token are both printed.
    const text = flat(await pdfText(pdf));
    expect(text).toContain("https://doorstep.example/r/");
    expect(text).toContain(LINK.slice("https://doorstep.example/r/".length));
    expect(qrCodesOf(pdf)).toEqual([LINK, null, LINK, LINK]);
  });
});
