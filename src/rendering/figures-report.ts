// A report of figures for a meeting (the governors' report, issue 16): sections
// of tables, each with a one-line definition, and charts drawn as SVG by
// trend-chart-svg.ts. It prints only what it is given; the caller decides what
// a reader may see (governors-figures.ts leaves every child out).
import { renderPdf, type Content } from "./render-pdf";

export interface FiguresTable {
  head: string[];
  rows: string[][];
}

export interface FiguresSection {
  heading: string;
  /** How the figures are defined, in one line. */
  definition: string;
  table?: FiguresTable;
  /** An SVG drawing, printed above its table. */
  chartSvg?: string;
  note?: string;
}

export interface FiguresReport {
  title: string;
  subtitle: string;
  sections: FiguresSection[];
  footerNote: string;
}

function table(t: FiguresTable): Content {
  return {
    table: {
      headerRows: 1,
      widths: t.head.map((_, i) => (i === 0 ? "*" : "auto")),
      body: [t.head.map((h) => ({ text: h, bold: true })), ...(t.rows.length ? t.rows : [[{ text: "None in the range.", colSpan: t.head.length }, ...t.head.slice(1).map(() => "")]])],
    },
    layout: "lightHorizontalLines",
    margin: [0, 2, 0, 6],
  } as Content;
}

export async function renderFiguresReportPdf(r: FiguresReport): Promise<Buffer> {
  const content: Content[] = [
    { text: r.title, style: "title" },
    { text: r.subtitle, margin: [0, 0, 0, 8] },
  ];
  for (const s of r.sections) {
    content.push({ text: s.heading, style: "heading" }, { text: s.definition, style: "small", margin: [0, 0, 0, 4] });
    if (s.chartSvg) content.push({ svg: s.chartSvg, width: 480, margin: [0, 4, 0, 4] } as unknown as Content);
    if (s.table) content.push(table(s.table));
    if (s.note) content.push({ text: s.note, style: "small" });
  }
  return renderPdf({ title: r.title, subject: "Figures for governors: no child is named", content, footerNote: r.footerNote });
}
