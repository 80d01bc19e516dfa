/**
 * Is this data URL a PNG the letter renderer can draw? A signature is kept when it
 * is sent and drawn into every confirmation letter after: a value that merely looks
 * like "data:image/png;base64,…" was kept, and each letter of that visit then failed
 * in the renderer (issue 14). Checked here: the base64, the PNG signature, every
 * chunk's length and CRC, a sane IHDR, and that the image data inflates to exactly
 * the rows the header promises, each starting with a known filter byte.
 */
import { inflateSync } from "node:zlib";

const DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/;
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Far beyond a signature pad; keeps a hostile header from asking for gigabytes. */
const MAX_SIDE = 4000;
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isDrawablePngDataUrl(value: string): boolean {
  const m = DATA_URL.exec(value);
  if (!m) return false;
  const png = Buffer.from(m[1]!, "base64");
  if (png.length < SIGNATURE.length + 12 || !png.subarray(0, 8).equals(SIGNATURE)) return false;
  let at = 8;
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | undefined;
  const data: Buffer[] = [];
  let ended = false;
  while (at + 12 <= png.length && !ended) {
    const length = png.readUInt32BE(at);
    if (at + 12 + length > png.length) return false;
    const typed = png.subarray(at + 4, at + 8 + length);
    if (crc32(typed) !== png.readUInt32BE(at + 8 + length)) return false;
    const type = typed.subarray(0, 4).toString("latin1");
    const body = typed.subarray(4);
    if (!header && type !== "IHDR") return false;
    if (type === "IHDR") {
      if (length !== 13) return false;
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, colour: body[9]!, interlace: body[12]! };
    } else if (type === "IDAT") data.push(body);
    else if (type === "IEND") ended = true;
    at += 12 + length;
  }
  if (!header || !ended || data.length === 0) return false;
  const { width, height, depth, colour, interlace } = header;
  const channels = CHANNELS[colour];
  if (!channels || width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || ![1, 2, 4, 8, 16].includes(depth) || interlace > 1) return false;
  const rowBytes = 1 + Math.ceil((width * channels * depth) / 8);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: rowBytes * height + 1 });
  } catch {
    return false;
  }
  // Interlaced rows come in seven passes of other lengths; the inflate above is the check for those.
  if (interlace === 1) return true;
  if (raw.length !== rowBytes * height) return false;
  for (let y = 0; y < height; y++) if (raw[y * rowBytes]! > 4) return false;
  return true;
}
