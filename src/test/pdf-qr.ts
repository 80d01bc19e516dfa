/** QR codes printed in a PDF, read back by a QR reader (jsQR) from the first page rendered at 150 dpi. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";

/** The first page split into `cols` × `rows` parts, each part's QR code read back (or null), row by row. */
export function qrCodesOf(pdf: Buffer, cols = 1, rows = 1): (string | null)[] {
  const dir = mkdtempSync(path.join(tmpdir(), "qr-"));
  try {
    writeFileSync(path.join(dir, "doc.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", path.join(dir, "doc.pdf"), path.join(dir, "page")]);
    const png = PNG.sync.read(readFileSync(path.join(dir, readdirSync(dir).find((f) => f.endsWith(".png"))!)));
    const w = Math.floor(png.width / cols), hh = Math.floor(png.height / rows);
    const out: (string | null)[] = [];
    for (let qy = 0; qy < rows; qy++)
      for (let qx = 0; qx < cols; qx++) {
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
