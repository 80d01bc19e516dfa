// Test helpers for src/rendering: read a rendered PDF back as a person's PDF reader
// would (poppler's pdftotext), and sample data with names the standard PDF fonts
// cannot encode. Not a test file itself (vitest runs *.test.ts only).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { crc32, deflateSync } from "node:zlib";
import type { AppointmentLetter } from "./appointment-letter";
import type { CalledCard } from "./called-cards";
import type { VisitListDocument, VisitListEntry } from "./visit-list";

const run = promisify(execFile);

async function withPdfFile<T>(pdf: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "doorstep-pdf-"));
  try {
    const file = join(dir, "document.pdf");
    await writeFile(file, pdf);
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The PDF's text as `pdftotext -layout` extracts it. */
export function pdfText(pdf: Buffer): Promise<string> {
  return withPdfFile(pdf, async (file) => (await run("/usr/bin/pdftotext", ["-layout", file, "-"])).stdout);
}

/** The PDF's metadata as `pdfinfo` prints it, e.g. { Pages: "3", Author: "Doorstep" }. */
export function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run("/usr/bin/pdfinfo", [file]);
    return Object.fromEntries(
      stdout
        .split("\n")
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1] ?? "", m[2] ?? ""]),
    );
  });
}

/** The number of images embedded in the PDF, as `pdfimages -list` counts them (soft masks included). */
export function pdfImageCount(pdf: Buffer): Promise<number> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run("/usr/bin/pdfimages", ["-list", file]);
    // Two header lines, then one line per image.
    return stdout.trim().split("\n").slice(2).length;
  });
}

/**
 * The text with every run of whitespace made one space. pdftotext -layout pads
 * columns with spaces and a paragraph wraps where the page makes it, so a sentence
 * is compared this way (it holds for full-width text, not across side-by-side columns).
 */
export function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}

/** A small greyscale PNG with a diagonal stroke, as a data URL: stands in for a signature. */
export function signaturePng(width = 120, height = 40): string {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter type: none
    for (let x = 0; x < width; x++) {
      const onStroke = Math.abs(y - Math.round((x * height) / width)) <= 1;
      rows.push(onStroke ? 0 : 255);
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // colour type: greyscale
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.from(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString("base64")}`;
}

export function sampleVisit(overrides: Partial<VisitListEntry> = {}): VisitListEntry {
  return {
    date: "Tuesday 24 November 2026",
    time: "10:30",
    purpose: "Safe and well visit: third day of absence (coteford 2.4)",
    pupils: [
      { name: "Łucja Nowak", yearClass: "Year 4 / 4B", upn: "A123456789012", attendance: { percent: 87.36, sessionsMissed: 14, authorised: 4, unauthorised: 10, recentMarks: "Mon / / Tue N N Wed N N" } },
      { name: "Zoë Brontë", yearClass: null, upn: "B987654321098", attendance: { percent: 62.5, sessionsMissed: 30, authorised: 2, unauthorised: 28, recentMarks: "Mon N N Tue N N Wed N N" } },
    ],
    address: "14 Żurawia Close, Coteford CT1 4QX",
    parents: [
      { name: "Siobhán Ó Ceallaigh", relationship: "Mother", phone: "07700 900123", email: "siobhan@example.org" },
      { name: "Piotr Nowak", relationship: "Father", phone: null, email: null },
    ],
    team: ["Amara Okafor", "Dóra Kovács"],
    state: "proposed",
    ...overrides,
  };
}

export function sampleVisitList(overrides: Partial<VisitListDocument> = {}): VisitListDocument {
  return {
    schoolName: "Coteford Primary School",
    title: "Home visit list for approval",
    policyClause: "coteford 3.2-3.3",
    generatedAt: "Sunday 22 November 2026, 09:14",
    visits: [sampleVisit()],
    approval: null,
    ...overrides,
  };
}

export function sampleLetter(overrides: Partial<AppointmentLetter> = {}): AppointmentLetter {
  return {
    school: { name: "Coteford Primary School", address: "1 School Lane, Coteford CT1 1AA", phone: "01632 960000", email: "office@coteford.example" },
    date: "20 November 2026",
    parent: { name: "Siobhán Ó Ceallaigh", address: "14 Żurawia Close, Coteford CT1 4QX" },
    pupilNames: ["Łucja Nowak", "Zoë Brontë"],
    appointment: { when: "Tuesday 24 November 2026 at 10:30", place: "14 Żurawia Close, Coteford CT1 4QX", staff: ["Amara Okafor (attendance officer)", "Dóra Kovács"] },
    clause: "coteford 2.6",
    ...overrides,
  };
}

export function sampleCard(overrides: Partial<CalledCard> = {}): CalledCard {
  return {
    schoolName: "Burgh Primary School",
    title: "SORRY WE MISSED YOU!",
    text: "We called at your home today to see how your child is. Please get in touch with the school.",
    childName: "Łucja Nowak",
    date: "Tuesday 24 November 2026",
    time: "10:30",
    phone: "01632 960111",
    email: "office@burgh.example",
    address: null,
    ...overrides,
  };
}
