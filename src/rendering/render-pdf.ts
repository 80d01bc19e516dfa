// The one place Doorstep turns a layout into PDF bytes. Every document gets the
// same page (A4, margins, "Page N of M" footer), the same embedded font and the
// same metadata, so the document modules only describe their content.
import { createRequire } from "node:module";
import type { Content, Margins, PdfMake, Style, TDocumentDefinitions } from "pdfmake";

export type { Content, Margins, Style } from "pdfmake";

/** What a document module hands to renderPdf: the content and the few things that vary per document. */
export interface PdfDocument {
  /** Written to the PDF's metadata and shown as the viewer's window title. */
  title: string;
  /** Metadata subject, e.g. the policy clause the document serves. */
  subject?: string;
  content: Content;
  /** Named styles the content refers to with `style`, added to the shared ones. */
  styles?: Record<string, Style>;
  /** Defaults to DEFAULT_MARGINS; the bottom margin holds the footer, so keep it at least 40. */
  pageMargins?: [number, number, number, number];
  /** Small text at the left of every footer, e.g. a confidentiality note. */
  footerNote?: string;
}

/** [left, top, right, bottom] in points: about 17 mm at the sides, room for the footer below. */
export const DEFAULT_MARGINS: [number, number, number, number] = [48, 48, 48, 56];

/** A4 in points, for layouts that must know the page they are on (the called cards). */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** The embedded font families, named for use in `font:`. */
export const FONT = { sans: "DejaVuSans", mono: "DejaVuSansMono" } as const;

// The 14 standard PDF fonts only encode WinAnsi, so "Łucja" or "Ó Ceallaigh" would
// come out wrong. DejaVu covers Latin Extended (and far more), and is read from the
// installed npm package: never the system's fonts, never the network.
const require = createRequire(import.meta.url);
const fontFile = (name: string): string => require.resolve(`dejavu-fonts-ttf/ttf/${name}`);

const FONT_FAMILIES = {
  [FONT.sans]: {
    normal: fontFile("DejaVuSans.ttf"),
    bold: fontFile("DejaVuSans-Bold.ttf"),
    italics: fontFile("DejaVuSans-Oblique.ttf"),
    bolditalics: fontFile("DejaVuSans-BoldOblique.ttf"),
  },
  [FONT.mono]: {
    normal: fontFile("DejaVuSansMono.ttf"),
    bold: fontFile("DejaVuSansMono-Bold.ttf"),
    italics: fontFile("DejaVuSansMono-Oblique.ttf"),
    bolditalics: fontFile("DejaVuSansMono-BoldOblique.ttf"),
  },
};
const FONT_PATHS: ReadonlySet<string> = new Set(Object.values(FONT_FAMILIES).flatMap((family) => Object.values(family)));

// pdfmake's server entry is one shared instance, so it is set up once, on first use.
// It is loaded then too: with its fonts' parsers it costs a third of a second at
// start, and a server restarting after a crash must be sweeping deadlines by then.
// Documents carry names typed in by staff and images drawn on a phone: nothing in a
// document may make the server fetch a URL or read a file, so both policies refuse
// everything except our own font files. (They also stop pdfmake warning on every call.)
let loaded: Promise<PdfMake> | undefined;
function configuredPdfmake(): Promise<PdfMake> {
  loaded ??= import("pdfmake").then(({ default: pdfmake }) => {
    pdfmake.setFonts(FONT_FAMILIES);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => FONT_PATHS.has(path));
    return pdfmake;
  });
  return loaded;
}

const BASE_STYLES: Record<string, Style> = {
  title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
  heading: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
  label: { fontSize: 8, bold: true, color: "#444444" },
  small: { fontSize: 8, color: "#444444" },
  footer: { fontSize: 8, color: "#444444" },
};

// pdfmake rewrites the content tree in place while laying it out (a string becomes
// { text }, nodes gain _-prefixed measurements), so it gets a copy: a caller may
// render the same content twice, and shared constants (table layouts) stay as written.
// structuredClone cannot copy the layouts' functions, hence this small one.
function freshCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => freshCopy(item)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, freshCopy(item)])) as T;
  }
  return value;
}

// pdfmake's own ways to keep content on one page (`unbreakable`, a table's
// `dontBreakRows`) silently DROP content taller than a page: a visit with many
// pupils would vanish from the list. Instead, a node marked with keepTogether() is
// moved to the next page when it would straddle one page break, unless it already
// starts at the top of a page; one taller than a page then flows on, all of it
// printed. (Each break added makes pdfmake lay the document out again: a list of
// 150 visits still renders in about 2 s.)
const KEEP_TOGETHER = "doorstep-keep-together:";
let keepTogetherIds = 0;

/** Mark `node` to start on a new page rather than be split, when it fits on one page. */
export function keepTogether<T extends Exclude<Content, string | Content[]>>(node: T): T & { id: string } {
  keepTogetherIds += 1;
  return { ...node, id: `${KEEP_TOGETHER}${keepTogetherIds}` };
}

interface PageBreakNode {
  id?: string;
  pageNumbers: number[];
  startPosition: { verticalRatio: number };
}

function breakBeforeSplitNode(node: PageBreakNode): boolean {
  return node.id?.startsWith(KEEP_TOGETHER) === true && node.pageNumbers.length === 2 && node.startPosition.verticalRatio > 0.01;
}

/** Render a document on A4 with Doorstep's font, footer and metadata. The document is not modified. */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  const pdfmake = await configuredPdfmake();
  const margins = doc.pageMargins ?? DEFAULT_MARGINS;
  const [left, , right] = margins;
  const definition: TDocumentDefinitions = {
    pageSize: "A4",
    pageOrientation: "portrait",
    pageMargins: margins,
    info: {
      title: doc.title,
      author: "Doorstep",
      creator: "Doorstep",
      ...(doc.subject === undefined ? {} : { subject: doc.subject }),
    },
    language: "en-GB",
    displayTitle: true,
    defaultStyle: { font: FONT.sans, fontSize: 10, lineHeight: 1.15 },
    styles: freshCopy({ ...BASE_STYLES, ...doc.styles }),
    content: freshCopy(doc.content),
    pageBreakBefore: breakBeforeSplitNode,
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: doc.footerNote ?? "", width: "*" },
        { text: `Page ${currentPage} of ${pageCount}`, width: "auto", alignment: "right" },
      ],
      style: "footer",
      margin: [left, 20, right, 0] satisfies Margins,
    }),
  };
  return pdfmake.createPdf(definition).getBuffer();
}

// A data URL from a signature pad. Only PNG is accepted: anything else in an image
// slot could be a path or URL, which the access policies would refuse anyway, but
// refusing it here gives the caller a clear error naming the field.
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

/** Check that `value` is a base64 PNG data URL; `field` names it in the error. */
export function pngDataUrl(value: string, field: string): string {
  if (!PNG_DATA_URL.test(value)) {
    throw new TypeError(`${field} must be a data:image/png;base64 URL`);
  }
  return value;
}
